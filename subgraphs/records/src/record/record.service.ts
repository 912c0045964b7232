import {
  actorOf,
  audit,
  badUserInput,
  conflict,
  NO_SUBJECT_CHANGES,
  notFound,
  type ServiceContext,
  type SubjectChanges,
} from '@credit/shared';
import { In, type DataSource } from 'typeorm';
import { chinaDate, isIsoDate } from '@credit/shared';
import { RecordEntity } from './record.entity';
import { assertMayChangeRecord } from './recordAccess';
import { RecordStatus } from './record.type';
import { RevisionEntity } from './revision.entity';
import { reviseRecord } from './revisionWriter';

const IN_CHUNK = 500;

/** Responsible for single records: batched lookups, revisions, and the status changes repair and revocation. */
export class RecordService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: SubjectChanges = NO_SUBJECT_CHANGES,
  ) {}

  async findByIds(ids: readonly string[]): Promise<RecordEntity[]> {
    const out: RecordEntity[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK)
      out.push(...(await this.db.getRepository(RecordEntity).findBy({ id: In(ids.slice(i, i + IN_CHUNK)) })));
    return out;
  }

  async revisionsOf(recordIds: readonly string[]): Promise<RevisionEntity[]> {
    if (recordIds.length === 0) return [];
    return this.db
      .getRepository(RevisionEntity)
      .find({ where: { recordId: In([...recordIds]) }, order: { recordId: 'ASC', seq: 'ASC' } });
  }

  /** 信用修复: the record stays a record, labelled repaired. */
  async repair(ctx: ServiceContext, id: string, basis: string, repairedAt?: string | null): Promise<RecordEntity> {
    const text = requiredReason('basis', basis);
    const today = chinaDate();
    const date = repairedAt?.trim() || today;
    if (!isIsoDate(date)) throw badUserInput('repairedAt', 'must be a real date YYYY-MM-DD');
    if (date > today) throw badUserInput('repairedAt', 'must not be in the future');
    return this.published(
      this.db.transaction(async (tx) => {
        const record = await tx.getRepository(RecordEntity).findOneBy({ id });
        if (!record) throw notFound('record', id);
        assertMayChangeRecord(ctx.principal, record);
        if (record.status !== RecordStatus.EFFECTIVE)
          throw conflict(`record ${id} is ${record.status}; only an EFFECTIVE record can be repaired`, {
            status: record.status,
          });
        if (date < record.decisionDate)
          throw badUserInput('repairedAt', `must not be before the decision date ${record.decisionDate}`);
        await audit(tx, ctx, { action: 'record.repair', subjectCodes: [record.creditCode], target: id });
        return reviseRecord(
          tx,
          record,
          { status: RecordStatus.REPAIRED, repairedAt: date, repairBasis: text },
          { action: 'REPAIRED', actor: actorOf(ctx.principal), reason: text },
        );
      }),
    );
  }

  /** Revocation (撤销): kept with its reason, no longer a record anywhere. */
  async revoke(ctx: ServiceContext, id: string, reason: string): Promise<RecordEntity> {
    const text = requiredReason('reason', reason);
    return this.published(
      this.db.transaction(async (tx) => {
        const record = await tx.getRepository(RecordEntity).findOneBy({ id });
        if (!record) throw notFound('record', id);
        assertMayChangeRecord(ctx.principal, record);
        if (record.status === RecordStatus.REVOKED)
          throw conflict(`record ${id} is already revoked`, { status: record.status });
        const now = new Date();
        await audit(tx, ctx, { action: 'record.revoke', subjectCodes: [record.creditCode], target: id });
        return reviseRecord(
          tx,
          record,
          { status: RecordStatus.REVOKED, revokedAt: now, revokeReason: text },
          { action: 'REVOKED', actor: actorOf(ctx.principal), reason: text },
          now,
        );
      }),
    );
  }

  /** After the commit: the subject's cached history is stale. */
  private async published(change: Promise<RecordEntity>): Promise<RecordEntity> {
    const record = await change;
    await this.changes.publish([record.creditCode]);
    return record;
  }
}

export function requiredReason(field: string, value: string | null | undefined): string {
  const v = value?.trim() ?? '';
  if (!v) throw badUserInput(field, 'is required');
  if (v.length > 500) throw badUserInput(field, 'must be at most 500 characters');
  return v;
}

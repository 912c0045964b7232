import {
  actorOf,
  badUserInput,
  conflict,
  NO_SUBJECT_CHANGES,
  notFound,
  type ServiceContext,
  type SubjectChanges,
} from '@credit/shared';
import { In, type DataSource, type Repository } from 'typeorm';
import type { DomainCatalogue } from '../catalogue/entitiesDirectory';
import { chinaDate } from '@credit/shared';
import { RecordEntity } from '../record/record.entity';
import { RecordStatus } from '../record/record.type';
import { requiredReason } from '../record/record.service';
import { RevisionEntity } from '../record/revision.entity';
import { reviseRecord } from '../record/revisionWriter';
import { splitPenaltyTypes } from '../record/recordView';
import { CONTENT_FIELDS, validateRecordRow, type RecordContent, type RecordRow } from '../submission/recordValidation';
import { CorrectionAction, type CorrectionInput } from './internal.inputs';

const CORRECTION_ACTIONS = ['CORRECTED', 'REVOKED', 'REPAIRED'];

const objectionKey = (v: string) => {
  const id = v?.trim() ?? '';
  if (!id || id.length > 64) throw badUserInput('objectionId', 'must be 1-64 characters');
  return id;
};

function asRow(r: RecordEntity): RecordRow {
  const row: Record<string, unknown> = { decisionNumber: r.decisionNumber };
  for (const f of CONTENT_FIELDS) row[f] = r[f];
  row.penaltyTypes = splitPenaltyTypes(r.penaltyTypes);
  return row as RecordRow;
}

/**
 * Responsible for what objections does to records through the internal API (SERVICE only): marks a
 * record under objection, clears the mark, and applies an upheld objection as a correction, a
 * revocation or a repair — each idempotent on the objection id, so an outbox may retry them freely.
 */
export class RecordCorrections {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: DomainCatalogue,
    private readonly changes: SubjectChanges = NO_SUBJECT_CHANGES,
  ) {}

  async mark(ctx: ServiceContext, recordId: string, objectionId: string): Promise<boolean> {
    const key = objectionKey(objectionId);
    const code = await this.db.transaction(async (tx) => {
      const record = await this.load(tx.getRepository(RecordEntity), recordId);
      const seen = await tx.getRepository(RevisionEntity).countBy({ objectionId: key, action: 'OBJECTION_OPENED' });
      if (seen) return undefined;
      await reviseRecord(
        tx,
        record,
        { underObjection: true },
        {
          action: 'OBJECTION_OPENED',
          actor: actorOf(ctx.principal),
          reason: `objection ${key} filed`,
          objectionId: key,
        },
      );
      return record.creditCode;
    });
    if (code) await this.changes.publish([code]);
    return true;
  }

  /** Clears one objection; the record stays under objection while another one is open. */
  async clear(ctx: ServiceContext, recordId: string, objectionId: string): Promise<boolean> {
    const key = objectionKey(objectionId);
    const code = await this.db.transaction(async (tx) => {
      const record = await this.load(tx.getRepository(RecordEntity), recordId);
      const marks = await tx.getRepository(RevisionEntity).find({
        select: { objectionId: true, action: true },
        where: { recordId, action: In(['OBJECTION_OPENED', 'OBJECTION_CLOSED']) },
      });
      const state = (action: string) => marks.some((m) => m.objectionId === key && m.action === action);
      if (!state('OBJECTION_OPENED') || state('OBJECTION_CLOSED')) return undefined;
      const open =
        marks.filter((m) => m.action === 'OBJECTION_OPENED').length -
        marks.filter((m) => m.action === 'OBJECTION_CLOSED').length -
        1;
      await reviseRecord(
        tx,
        record,
        { underObjection: open > 0 },
        {
          action: 'OBJECTION_CLOSED',
          actor: actorOf(ctx.principal),
          reason: `objection ${key} closed`,
          objectionId: key,
        },
      );
      return record.creditCode;
    });
    if (code) await this.changes.publish([code]);
    return true;
  }

  /** Applies an upheld objection's outcome as a new revision, once per objection id. */
  async applyCorrection(ctx: ServiceContext, input: CorrectionInput): Promise<RecordEntity> {
    const key = objectionKey(input.objectionId);
    const reason = requiredReason('input.reason', input.reason);
    const catalogue =
      input.action === CorrectionAction.CORRECT && input.changes?.domainCode
        ? await this.catalogue.domains()
        : undefined;
    const corrected = await this.db.transaction(async (tx) => {
      const record = await this.load(tx.getRepository(RecordEntity), input.recordId);
      const done = await tx.getRepository(RevisionEntity).countBy({ objectionId: key, action: In(CORRECTION_ACTIONS) });
      if (done) return record;
      const actor = actorOf(ctx.principal);
      if (input.action === CorrectionAction.REVOKE) {
        if (record.status === RecordStatus.REVOKED)
          throw conflict(`record ${record.id} is already revoked`, { status: record.status });
        const now = new Date();
        return reviseRecord(
          tx,
          record,
          { status: RecordStatus.REVOKED, revokedAt: now, revokeReason: reason },
          { action: 'REVOKED', actor, reason, objectionId: key },
          now,
        );
      }
      if (record.status === RecordStatus.REVOKED)
        throw conflict(`record ${record.id} is revoked and cannot be corrected or repaired`, { status: record.status });
      if (input.action === CorrectionAction.REPAIR) {
        if (record.status === RecordStatus.REPAIRED)
          throw conflict(`record ${record.id} is already repaired`, { status: record.status });
        return reviseRecord(
          tx,
          record,
          { status: RecordStatus.REPAIRED, repairedAt: chinaDate(), repairBasis: reason },
          { action: 'REPAIRED', actor, reason, objectionId: key },
        );
      }
      const content = this.corrected(record, input, catalogue);
      const { decisionNumber: _key, ...changes } = content;
      return reviseRecord(tx, record, changes, { action: 'CORRECTED', actor, reason, objectionId: key });
    });
    await this.changes.publish([corrected.creditCode]);
    return corrected;
  }

  /** The record's content with the changes applied, checked by the same rules as a submission. */
  private corrected(
    record: RecordEntity,
    input: CorrectionInput,
    catalogue?: ReadonlyMap<string, { code: string; active: boolean }>,
  ): RecordContent {
    const changes = Object.fromEntries(
      Object.entries(input.changes ?? {}).filter(([, v]) => v !== undefined && v !== null),
    );
    if (Object.keys(changes).length === 0)
      throw badUserInput('input.changes', 'a CORRECT needs at least one changed field');
    // The record's own domain stays acceptable even if deactivated since; a new one must be active.
    const domains = new Map(catalogue ?? []);
    domains.set(record.domainCode, { code: record.domainCode, active: true });
    const outcome = validateRecordRow(
      { ...asRow(record), ...changes },
      { unitDomains: new Set(domains.keys()), catalogue: domains, today: chinaDate() },
    );
    if (outcome.kind !== 'record') {
      const problems = outcome.kind === 'rejected' ? outcome.problems : [];
      const first = problems[0] ?? { field: 'changes', message: 'would make the decision not a record; use REVOKE' };
      throw badUserInput(`input.changes.${first.field}`, first.message, { problems });
    }
    return outcome.content;
  }

  private async load(repo: Repository<RecordEntity>, id: string): Promise<RecordEntity> {
    const record = await repo.findOneBy({ id });
    if (!record) throw notFound('record', id);
    return record;
  }
}

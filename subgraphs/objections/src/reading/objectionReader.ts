import { badUserInput, chunks, decodeCursor, encodeCursor, Role, type Principal } from '@credit/shared';
import { In, type DataSource } from 'typeorm';
import { EvidenceChunkEntity, EvidenceEntity } from '../evidence/evidence.entity';
import { OutboxEntity, OutboxStatus } from '../outbox/outbox.entity';
import { ObjectionEntity } from '../objection/objection.entity';
import { whereOverdue } from '../workflow/deadlines';
import { ObjectionEventEntity } from '../workflow/objectionEvent.entity';
import type { ObjectionFilter } from './reading.inputs';

const IN_CHUNK = 500;

const group = <T, K extends keyof T>(rows: T[], key: K): Map<T[K], T[]> => {
  const m = new Map<T[K], T[]>();
  for (const r of rows) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
  return m;
};

/** Responsible for reading objections and their parts in batches (one statement per batch, never per item). */
export class ObjectionReader {
  constructor(private readonly db: DataSource) {}

  private async many<T extends object>(
    entity: new () => T,
    column: keyof T & string,
    keys: readonly string[],
    order: Record<string, 'ASC' | 'DESC'>,
  ): Promise<T[]> {
    const out: T[] = [];
    for (const part of chunks([...new Set(keys)], IN_CHUNK)) {
      out.push(
        ...(await this.db
          .getRepository(entity)
          .find({ where: { [column]: In(part) } as never, order: order as never })),
      );
    }
    return out;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, ObjectionEntity>> {
    const rows = await this.many(ObjectionEntity, 'id', ids, { id: 'ASC' });
    return new Map(rows.map((r) => [r.id, r]));
  }

  async bySubjects(codes: readonly string[]): Promise<Map<string, ObjectionEntity[]>> {
    return group(await this.many(ObjectionEntity, 'creditCode', codes, { filedAt: 'DESC', id: 'DESC' }), 'creditCode');
  }

  async byRecords(ids: readonly string[]): Promise<Map<string, ObjectionEntity[]>> {
    return group(await this.many(ObjectionEntity, 'recordId', ids, { filedAt: 'DESC', id: 'DESC' }), 'recordId');
  }

  async events(ids: readonly string[]): Promise<Map<string, ObjectionEventEntity[]>> {
    return group(
      await this.many(ObjectionEventEntity, 'objectionId', ids, { objectionId: 'ASC', seq: 'ASC' }),
      'objectionId',
    );
  }

  async evidence(ids: readonly string[]): Promise<Map<string, EvidenceEntity[]>> {
    return group(
      await this.many(EvidenceEntity, 'objectionId', ids, { objectionId: 'ASC', position: 'ASC' }),
      'objectionId',
    );
  }

  async evidenceContent(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.many(EvidenceChunkEntity, 'evidenceId', ids, { evidenceId: 'ASC', seq: 'ASC' });
    const out = new Map<string, string>();
    for (const r of rows) out.set(r.evidenceId, (out.get(r.evidenceId) ?? '') + r.data);
    return out;
  }

  /** Effects not yet delivered (pending or parked), per objection. */
  async undeliveredEffects(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.db
        .getRepository(OutboxEntity)
        .createQueryBuilder('x')
        .select('x.objectionId', 'objectionId')
        .addSelect('COUNT(*)', 'n')
        .where('x.objectionId IN (:...ids)', { ids: part })
        .andWhere('x.status <> :done', { done: OutboxStatus.DELIVERED })
        .groupBy('x.objectionId')
        .getRawMany<{ objectionId: string; n: number | string }>();
      for (const r of rows) out.set(r.objectionId, Number(r.n));
    }
    return out;
  }

  /**
   * Newest first, keyset-paged on the number (GZYY-<year>-<sequence>: unique, and in filing order as
   * text). A unit sees its own queue, a subject its own objections.
   */
  async list(
    p: Principal,
    filter: ObjectionFilter | null | undefined,
    first: number,
    after: string | null | undefined,
    today: string,
  ) {
    const qb = this.db
      .getRepository(ObjectionEntity)
      .createQueryBuilder('o')
      .orderBy('o.number', 'DESC')
      .limit(first + 1);
    if (p.role === Role.SOURCE_UNIT) qb.andWhere('o.unitCode = :unit', { unit: p.unitCode });
    else if (p.role === Role.SUBJECT) qb.andWhere('o.creditCode = :code', { code: p.creditCode });
    else if (filter?.unitCode) qb.andWhere('o.unitCode = :unit', { unit: filter.unitCode });
    if (filter?.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter?.type) qb.andWhere('o.type = :type', { type: filter.type });
    if (filter?.number) qb.andWhere('o.number = :number', { number: filter.number });
    if (filter?.overdue) whereOverdue(qb, today);
    if (after) {
      const [number] = decodeCursor(after);
      if (typeof number !== 'string') throw badUserInput('after', 'is not a cursor returned by this API');
      qb.andWhere('o.number < :after', { after: number });
    }
    const rows = await qb.getMany();
    return {
      rows: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursor: (r: ObjectionEntity) => encodeCursor([r.number]),
    };
  }

  /** Overdue objections, oldest due first (for the lead department, or one unit's own). */
  async overdue(today: string, unitCode?: string | null, limit = 500): Promise<ObjectionEntity[]> {
    const qb = whereOverdue(this.db.getRepository(ObjectionEntity).createQueryBuilder('o').where('1 = 1'), today);
    if (unitCode) qb.andWhere('o.unitCode = :unit', { unit: unitCode });
    return qb.orderBy('o.filedAt', 'ASC').addOrderBy('o.number', 'ASC').limit(limit).getMany();
  }
}

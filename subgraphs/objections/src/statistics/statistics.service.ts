import { badUserInput } from '@credit/shared';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ObjectionHandlingTallyEntity, ObjectionTallyEntity } from '../aggregates/objectionTally.entity';

/** A count under one key (status, type, unit code or month). */
export interface Count {
  key: string;
  count: number;
}

/** Aggregates over the objections filed in the months asked for; no identity of anyone. */
export interface ObjectionCounts {
  fromMonth: string | null;
  toMonth: string | null;
  total: number;
  byStatus: Count[];
  byType: Count[];
  byUnit: Count[];
  byMonth: Count[];
  decided: number;
  medianHandlingDays: number | null;
  overdue: number;
  overdueByUnit: Count[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Responsible for objection statistics, read from the tallies kept by the workflow (aggregates/):
 * counts by status, type, unit and filing month, the exact median handling time from the
 * distribution of handling minutes, and the overdue counts from the due day of each key.
 * Aggregates only, for analysts too.
 */
export class ObjectionStatisticsService {
  constructor(private readonly db: DataSource) {}

  async statistics(today: string, fromMonth?: string | null, toMonth?: string | null): Promise<ObjectionCounts> {
    if (fromMonth && !MONTH.test(fromMonth)) throw badUserInput('fromMonth', 'must be YYYY-MM');
    if (toMonth && !MONTH.test(toMonth)) throw badUserInput('toMonth', 'must be YYYY-MM');
    if (fromMonth && toMonth && fromMonth > toMonth) throw badUserInput('toMonth', 'must not be before fromMonth');
    const inMonths = <T extends ObjectLiteral>(target: EntityTarget<T>) => {
      const qb = this.db.getRepository(target).createQueryBuilder('t').where('1 = 1');
      if (fromMonth) qb.andWhere('t.filedMonth >= :fromMonth', { fromMonth });
      if (toMonth) qb.andWhere('t.filedMonth <= :toMonth', { toMonth });
      return qb;
    };
    // A key whose objections all moved on holds 0 and is not listed, as a scan would not list it.
    const counts = async (qb: SelectQueryBuilder<ObjectionTallyEntity>, column: string): Promise<Count[]> => {
      const rows = await qb
        .select(`t.${column}`, 'k')
        .addSelect('SUM(t.objections)', 'n')
        .groupBy(`t.${column}`)
        .having('SUM(t.objections) > 0')
        .orderBy(`t.${column}`, 'ASC')
        .getRawMany<{ k: string; n: number | string }>();
      return rows.map((r) => ({ key: String(r.k), count: Number(r.n) }));
    };
    const byStatus = await counts(inMonths(ObjectionTallyEntity), 'status');
    const handling = (
      await inMonths(ObjectionHandlingTallyEntity)
        .select('t.handlingMinutes', 'm')
        .addSelect('SUM(t.objections)', 'n')
        .groupBy('t.handlingMinutes')
        .having('SUM(t.objections) > 0')
        .orderBy('t.handlingMinutes', 'ASC')
        .getRawMany<{ m: number | string; n: number | string }>()
    ).map((h) => ({ minutes: Number(h.m), count: Number(h.n) }));
    const decided = handling.reduce((s, h) => s + h.count, 0);
    const med = medianOfCounts(handling, decided);
    // The due day of the step waiting; '' once decided. The due day itself is still in time.
    const overdueByUnit = await counts(
      inMonths(ObjectionTallyEntity).andWhere("t.dueOn <> '' AND t.dueOn < :today", { today }),
      'unitCode',
    );
    return {
      fromMonth: fromMonth ?? null,
      toMonth: toMonth ?? null,
      total: byStatus.reduce((s, c) => s + c.count, 0),
      byStatus,
      byType: await counts(inMonths(ObjectionTallyEntity), 'type'),
      byUnit: await counts(inMonths(ObjectionTallyEntity), 'unitCode'),
      byMonth: await counts(inMonths(ObjectionTallyEntity), 'filedMonth'),
      decided,
      medianHandlingDays: med === null ? null : Math.round((med / 1440) * 10) / 10,
      overdue: overdueByUnit.reduce((s, c) => s + c.count, 0),
      overdueByUnit,
    };
  }
}

/** The median of a sorted distribution given as (value, count) pairs, as median() of the expanded list. */
export function medianOfCounts(sorted: { minutes: number; count: number }[], n: number): number | null {
  if (n === 0) return null;
  const at = (i: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (i < seen) return h.minutes;
    }
    return sorted[sorted.length - 1].minutes;
  };
  const mid = Math.floor(n / 2);
  return n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

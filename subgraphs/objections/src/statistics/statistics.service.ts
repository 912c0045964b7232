import { badUserInput } from '@credit/shared';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ObjectionEntity } from '../objection/objection.entity';
import { whereOverdue } from '../workflow/deadlines';

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
 * Responsible for objection statistics: counts grouped in SQL (by status, type, unit and filing
 * month), the median handling time and the overdue counts. Aggregates only, for analysts too.
 */
export class ObjectionStatisticsService {
  constructor(private readonly db: DataSource) {}

  async statistics(today: string, fromMonth?: string | null, toMonth?: string | null): Promise<ObjectionCounts> {
    if (fromMonth && !MONTH.test(fromMonth)) throw badUserInput('fromMonth', 'must be YYYY-MM');
    if (toMonth && !MONTH.test(toMonth)) throw badUserInput('toMonth', 'must be YYYY-MM');
    if (fromMonth && toMonth && fromMonth > toMonth) throw badUserInput('toMonth', 'must not be before fromMonth');
    const base = () => {
      const qb = this.db.getRepository(ObjectionEntity).createQueryBuilder('o').where('1 = 1');
      if (fromMonth) qb.andWhere('o.filedMonth >= :fromMonth', { fromMonth });
      if (toMonth) qb.andWhere('o.filedMonth <= :toMonth', { toMonth });
      return qb;
    };
    const counts = async (qb: SelectQueryBuilder<ObjectionEntity>, column: string): Promise<Count[]> => {
      const rows = await qb
        .select(`o.${column}`, 'k')
        .addSelect('COUNT(*)', 'n')
        .groupBy(`o.${column}`)
        .orderBy(`o.${column}`, 'ASC')
        .getRawMany<{ k: string; n: number | string }>();
      return rows.map((r) => ({ key: String(r.k), count: Number(r.n) }));
    };
    const byStatus = await counts(base(), 'status');
    const handling = await base()
      .select('o.handlingMinutes', 'm')
      .andWhere('o.handlingMinutes IS NOT NULL')
      .orderBy('o.handlingMinutes', 'ASC')
      .getRawMany<{ m: number | string }>();
    const med = median(handling.map((h) => Number(h.m)));
    const overdueByUnit = await counts(whereOverdue(base(), today), 'unitCode');
    return {
      fromMonth: fromMonth ?? null,
      toMonth: toMonth ?? null,
      total: byStatus.reduce((s, c) => s + c.count, 0),
      byStatus,
      byType: await counts(base(), 'type'),
      byUnit: await counts(base(), 'unitCode'),
      byMonth: await counts(base(), 'filedMonth'),
      decided: handling.length,
      medianHandlingDays: med === null ? null : Math.round((med / 1440) * 10) / 10,
      overdue: overdueByUnit.reduce((s, c) => s + c.count, 0),
      overdueByUnit,
    };
  }
}

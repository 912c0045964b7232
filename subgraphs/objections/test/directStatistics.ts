import { median, type Count, type ObjectionCounts } from '../src/statistics/statistics.service';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ObjectionEntity } from '../src/objection/objection.entity';
import { whereOverdue } from '../src/workflow/deadlines';

/**
 * The statistics as a scan of the objections computes them: what was served before the tallies,
 * kept so tests can compare the served answer with it on the same data.
 */
export class DirectObjectionStatistics {
  constructor(private readonly db: DataSource) {}

  async statistics(today: string, fromMonth?: string | null, toMonth?: string | null): Promise<ObjectionCounts> {
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

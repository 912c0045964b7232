import type { DataSource } from 'typeorm';
import { RecordEntity } from '../src/record/record.entity';
import { RecordStatus } from '../src/record/record.type';
import { RecordStatistics, StatisticsBucket } from '../src/statistics/statistics.type';

const DIMENSIONS = {
  byDomain: 'r.domainCode',
  byRegion: 'r.regionCode',
  byCategory: 'r.category',
  // SUBSTR works on SQLite's date text and on MySQL's DATE (converted to 'YYYY-MM-DD').
  byMonth: 'SUBSTR(r.decisionDate, 1, 7)',
} as const;

/**
 * The statistics computed directly from the records (a scan of the period's records): what the
 * tallies must always equal. Tests compare the served answer with it; nothing serves it.
 */
export class DirectStatistics {
  constructor(private readonly db: DataSource) {}

  async statistics(from: string, to: string, domains?: string[] | null): Promise<RecordStatistics> {
    const out = Object.assign(new RecordStatistics(), { from, to, records: 0, repaired: 0 }) as RecordStatistics;
    for (const [name, expr] of Object.entries(DIMENSIONS) as [keyof typeof DIMENSIONS, string][]) {
      const qb = this.db
        .getRepository(RecordEntity)
        .createQueryBuilder('r')
        .select(expr, 'k')
        .addSelect('COUNT(*)', 'records')
        .addSelect(`SUM(CASE WHEN r.status = '${RecordStatus.REPAIRED}' THEN 1 ELSE 0 END)`, 'repaired')
        .where('r.decisionDate >= :from AND r.decisionDate <= :to', { from, to })
        .andWhere('r.status IN (:...statuses)', { statuses: [RecordStatus.EFFECTIVE, RecordStatus.REPAIRED] })
        .groupBy(expr)
        .orderBy(expr, 'ASC');
      if (domains?.length) qb.andWhere('r.domainCode IN (:...domains)', { domains });
      const rows = await qb.getRawMany<{ k: string; records: string | number; repaired: string | number }>();
      out[name] = rows.map((r) =>
        Object.assign(new StatisticsBucket(), {
          key: String(r.k),
          records: Number(r.records),
          repaired: Number(r.repaired),
        }),
      );
    }
    out.records = out.byCategory.reduce((n, b) => n + b.records, 0);
    out.repaired = out.byCategory.reduce((n, b) => n + b.repaired, 0);
    return out;
  }
}

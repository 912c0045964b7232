import type { DataSource } from 'typeorm';
import { CreditReportEntity } from '../src/report/report.entity';

import type { Count, ReportCounts } from '../src/statistics/statistics.service';

/**
 * The issuance counts as a scan of the reports computes them: what the statistics answered before
 * the tallies, kept so tests can compare the served answer with it on the same data.
 */
export class DirectReportStatistics {
  constructor(private readonly db: DataSource) {}

  async counts(
    start: string,
    end: string,
  ): Promise<Omit<ReportCounts, 'verified' | 'verifiedByScenario' | 'verifiedByChannel'>> {
    const base = () =>
      this.db
        .getRepository(CreditReportEntity)
        .createQueryBuilder('r')
        .where('r.issuedDay >= :start AND r.issuedDay <= :end', { start, end });
    const group = async (expr: string): Promise<Count[]> => {
      const rows = await base()
        .select(expr, 'k')
        .addSelect('COUNT(*)', 'n')
        .groupBy(expr)
        .orderBy(expr, 'ASC')
        .getRawMany<{ k: string; n: string | number }>();
      return rows.map((r) => ({ key: String(r.k), count: Number(r.n) }));
    };
    const [byScenario, byChannel, byMonth, byRegion, revoked] = await Promise.all([
      group('r.scenario'),
      group('r.channel'),
      // issuedDay is YYYY-MM-DD text; its first seven characters are the month on either database.
      group('SUBSTR(r.issuedDay, 1, 7)'),
      group('r.regionCode'),
      base().andWhere('r.status = :s', { s: 'REVOKED' }).getCount(),
    ]);
    return {
      from: start,
      to: end,
      total: byScenario.reduce((n, c) => n + c.count, 0),
      revoked,
      byScenario,
      byChannel,
      byMonth,
      byRegion,
    };
  }
}

import { badUserInput } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { CreditReportEntity } from '../report/report.entity';
import { chinaDate, isIsoDate } from '../report/period';
import { ReportStatistics, type ReportCount } from './statistics.type';

/** Responsible for report counts by scenario, channel, month and region (issuedDay is indexed). */
export class StatisticsService {
  constructor(private readonly db: DataSource) {}

  async counts(from: string | null | undefined, to: string | null | undefined): Promise<ReportStatistics> {
    const end = to?.trim() || chinaDate();
    const start = from?.trim() || `${end.slice(0, 4)}-01-01`;
    if (!isIsoDate(start)) throw badUserInput('from', 'must be a date YYYY-MM-DD');
    if (!isIsoDate(end)) throw badUserInput('to', 'must be a date YYYY-MM-DD');
    if (start > end) throw badUserInput('from', 'must not be after to');
    const base = () =>
      this.db
        .getRepository(CreditReportEntity)
        .createQueryBuilder('r')
        .where('r.issuedDay >= :start AND r.issuedDay <= :end', { start, end });
    const group = async (expr: string): Promise<ReportCount[]> => {
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
    return Object.assign(new ReportStatistics(), {
      from: start,
      to: end,
      total: byScenario.reduce((n, c) => n + c.count, 0),
      revoked,
      byScenario,
      byChannel,
      byMonth,
      byRegion,
    });
  }
}

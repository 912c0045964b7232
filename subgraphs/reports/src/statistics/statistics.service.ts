import { chinaDate, resolvePeriod } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { CreditReportEntity } from '../report/report.entity';

/** A count under one key (scenario, channel, month or region). */
export interface Count {
  key: string;
  count: number;
}

/** Reports issued in a period, counted; no identity of anyone. */
export interface ReportCounts {
  from: string;
  to: string;
  total: number;
  revoked: number;
  byScenario: Count[];
  byChannel: Count[];
  byMonth: Count[];
  byRegion: Count[];
}

/** Responsible for report counts by scenario, channel, month and region (issuedDay is indexed). */
export class StatisticsService {
  constructor(
    private readonly db: DataSource,
    private readonly maxYears: number,
  ) {}

  async counts(from: string | null | undefined, to: string | null | undefined): Promise<ReportCounts> {
    // The shared period rules, with this year as the default start: counts of issuance, not a history.
    const { from: start, to: end } = resolvePeriod(
      { from, to },
      { today: chinaDate(), maxYears: this.maxYears, defaultFrom: (end) => `${end.slice(0, 4)}-01-01` },
    );
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

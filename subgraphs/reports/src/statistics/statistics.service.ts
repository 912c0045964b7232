import { chinaDate, resolvePeriod } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { ReportDayTallyEntity } from '../aggregates/reportTally.entity';

/** A count under one key (scenario, channel, month or region). */
export interface Count {
  key: string;
  count: number;
}

/** Reports issued in a period, counted, and verifications in it; no identity of anyone. */
export interface ReportCounts {
  from: string;
  to: string;
  total: number;
  revoked: number;
  byScenario: Count[];
  byChannel: Count[];
  byMonth: Count[];
  byRegion: Count[];
  verified: number;
  verifiedByScenario: Count[];
  verifiedByChannel: Count[];
}

type Counter = 'issued' | 'revoked' | 'verified';

/**
 * Responsible for report counts by scenario, channel, month and region, read from the day tallies
 * (a few rows per day, whatever the number of reports; see aggregates/).
 */
export class StatisticsService {
  constructor(
    private readonly db: DataSource,
    private readonly maxYears: number,
  ) {}

  async counts(from: string | null | undefined, to: string | null | undefined): Promise<ReportCounts> {
    // The shared period rules, with this year as the default start: counts of issuance, not a history.
    const { coverageFrom: start, to: end } = resolvePeriod(
      { from, to },
      { today: chinaDate(), maxYears: this.maxYears, defaultFrom: (end) => `${end.slice(0, 4)}-01-01` },
    );
    const base = () =>
      this.db
        .getRepository(ReportDayTallyEntity)
        .createQueryBuilder('t')
        .where('t.day >= :start AND t.day <= :end', { start, end });
    // A key with nothing of the counter (a day with verifications only) is not listed, as a scan would not.
    const group = async (expr: string, counter: Counter = 'issued'): Promise<Count[]> => {
      const rows = await base()
        .select(expr, 'k')
        .addSelect(`SUM(t.${counter})`, 'n')
        .groupBy(expr)
        .having(`SUM(t.${counter}) > 0`)
        .orderBy(expr, 'ASC')
        .getRawMany<{ k: string; n: string | number }>();
      return rows.map((r) => ({ key: String(r.k), count: Number(r.n) }));
    };
    const sums = async () => {
      const r = await base()
        .select('SUM(t.revoked)', 'revoked')
        .addSelect('SUM(t.verified)', 'verified')
        .getRawOne<{ revoked: string | number | null; verified: string | number | null }>();
      return { revoked: Number(r?.revoked ?? 0), verified: Number(r?.verified ?? 0) };
    };
    const [byScenario, byChannel, byMonth, byRegion, verifiedByScenario, verifiedByChannel, totals] = await Promise.all(
      [
        group('t.scenario'),
        group('t.channel'),
        // day is YYYY-MM-DD text; its first seven characters are the month on either database.
        group('SUBSTR(t.day, 1, 7)'),
        group('t.regionCode'),
        group('t.scenario', 'verified'),
        group('t.channel', 'verified'),
        sums(),
      ],
    );
    return {
      from: start,
      to: end,
      total: byScenario.reduce((n, c) => n + c.count, 0),
      revoked: totals.revoked,
      byScenario,
      byChannel,
      byMonth,
      byRegion,
      verified: totals.verified,
      verifiedByScenario,
      verifiedByChannel,
    };
  }
}

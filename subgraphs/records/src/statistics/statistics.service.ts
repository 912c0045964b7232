import type { DataSource } from 'typeorm';
import { ALL_DOMAINS, RecordDayTallyEntity, RecordMonthTallyEntity } from '../aggregates/recordTally.entity';
import { nextMonth } from '../aggregates/tallySource';
import { RecordStatistics, StatisticsBucket } from './statistics.type';

type Dimension = 'byDomain' | 'byRegion' | 'byCategory' | 'byMonth';
interface TallyRow {
  cut: string;
  domainCode: string;
  period: string;
  keyValue: string;
  records: string | number;
  repaired: string | number;
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * A period of days as whole months plus the days of its partial first and last months: the whole
 * months are read from the month tallies, the rest from the day tallies (at most ~60 days).
 */
export function splitPeriod(from: string, to: string): { months?: [string, string]; days: [string, string][] } {
  const first = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (first > last) return { days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < `${first}-01`) days.push([from, lastDayOfMonth(previousMonth(first))]);
  if (to > lastDayOfMonth(last)) days.push([`${nextMonth(last)}-01`, to]);
  return { months: [first, last], days };
}

type Tally = typeof RecordMonthTallyEntity | typeof RecordDayTallyEntity;

/**
 * Responsible for aggregate statistics for analysts: counts only, read from the maintained
 * tallies (aggregates/), so a dashboard reads a few hundred rows whatever the number of records.
 */
export class StatisticsService {
  constructor(private readonly db: DataSource) {}

  async statistics(from: string, to: string, domains?: string[] | null): Promise<RecordStatistics> {
    const buckets: Record<Dimension, Map<string, StatisticsBucket>> = {
      byDomain: new Map(),
      byRegion: new Map(),
      byCategory: new Map(),
      byMonth: new Map(),
    };
    const add = (dim: Dimension, key: string, records: number, repaired: number) => {
      const b = buckets[dim].get(key) ?? Object.assign(new StatisticsBucket(), { key, records: 0, repaired: 0 });
      b.records += records;
      b.repaired += repaired;
      buckets[dim].set(key, b);
    };
    const filtered = domains?.length ? domains : null;
    const { months, days } = splitPeriod(from, to);
    const reads: [Tally, [string, string][]][] = [];
    if (months) reads.push([RecordMonthTallyEntity, [months]]);
    if (days.length) reads.push([RecordDayTallyEntity, days]);
    // Unfiltered, byDomain names every domain: an IN list keeps each domain's read to its period.
    const allDomains = filtered ? [] : await this.tallyDomains();
    for (const [tally, ranges] of reads) {
      for (const r of await this.sums(tally, ranges, filtered ?? [ALL_DOMAINS], true)) {
        const [n, rep] = [Number(r.records), Number(r.repaired)];
        if (r.cut === 'total') {
          add('byMonth', r.period, n, rep);
          if (filtered) add('byDomain', r.domainCode, n, rep);
        } else add(r.cut === 'region' ? 'byRegion' : 'byCategory', r.keyValue, n, rep);
      }
      if (!filtered && allDomains.length)
        for (const r of await this.sums(tally, ranges, allDomains, false))
          add('byDomain', r.domainCode, Number(r.records), Number(r.repaired));
    }
    const sorted = (dim: Dimension) =>
      [...buckets[dim].values()]
        .filter((b) => b.records > 0)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const out = Object.assign(new RecordStatistics(), {
      from,
      to,
      byDomain: sorted('byDomain'),
      byRegion: sorted('byRegion'),
      byCategory: sorted('byCategory'),
      byMonth: sorted('byMonth'),
    });
    out.records = out.byCategory.reduce((n, b) => n + b.records, 0);
    out.repaired = out.byCategory.reduce((n, b) => n + b.repaired, 0);
    return out;
  }

  /**
   * Tally rows of these domains in the period ranges, summed per (cut, domain, key, month); with
   * `allCuts` false only the totals. The primary key (cut, domain, period, key) makes each a range read.
   */
  private sums(tally: Tally, ranges: [string, string][], domains: string[], allCuts: boolean) {
    const month = 'SUBSTR(t.period, 1, 7)';
    const qb = this.db
      .getRepository(tally)
      .createQueryBuilder('t')
      .select(['t.cut AS cut', 't.domainCode AS domainCode'])
      .addSelect('SUM(t.records)', 'records')
      .addSelect('SUM(t.repaired)', 'repaired')
      .where('t.cut IN (:...cuts)', { cuts: allCuts ? ['total', 'region', 'category'] : ['total'] })
      .andWhere('t.domainCode IN (:...domains)', { domains })
      .andWhere(
        `(${ranges.map((_, i) => `(t.period >= :from${i} AND t.period <= :to${i})`).join(' OR ')})`,
        Object.fromEntries(
          ranges.flatMap(([a, b], i) => [
            [`from${i}`, a],
            [`to${i}`, b],
          ]),
        ),
      )
      .groupBy('t.cut')
      .addGroupBy('t.domainCode');
    // The totals per domain need no month or key: a row per domain, not per domain and month.
    if (allCuts)
      qb.addSelect('t.keyValue', 'keyValue').addSelect(month, 'period').addGroupBy('t.keyValue').addGroupBy(month);
    return qb.getRawMany<TallyRow>();
  }

  /** The domains with any tally row: read from the month tallies' key alone. */
  private async tallyDomains(): Promise<string[]> {
    const rows = await this.db
      .getRepository(RecordMonthTallyEntity)
      .createQueryBuilder('t')
      .select('DISTINCT t.domainCode', 'domainCode')
      .where("t.cut = 'total' AND t.domainCode <> :all", { all: ALL_DOMAINS })
      .getRawMany<{ domainCode: string }>();
    return rows.map((r) => r.domainCode);
  }
}

import type { DataSource } from 'typeorm';
import { ALL_DOMAINS, RecordDayTallyEntity, RecordMonthTallyEntity } from '../aggregates/recordTally.entity';
import { splitPeriod } from '../aggregates/tallyPeriod';
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

type Tally = typeof RecordMonthTallyEntity | typeof RecordDayTallyEntity;

/** The breakdowns an operation selected; the others are not read. */
export type StatisticsSelection = Record<Dimension, boolean>;
const EVERY_DIMENSION: StatisticsSelection = { byDomain: true, byRegion: true, byCategory: true, byMonth: true };

/**
 * Responsible for aggregate statistics for analysts: counts only, read from the maintained
 * tallies (aggregates/), so a dashboard reads a few hundred rows whatever the number of records.
 */
export class StatisticsService {
  constructor(private readonly db: DataSource) {}

  async statistics(
    from: string,
    to: string,
    domains?: string[] | null,
    selection: StatisticsSelection = EVERY_DIMENSION,
  ): Promise<RecordStatistics> {
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
    const allDomains = !filtered && selection.byDomain ? await this.tallyDomains() : [];
    const keyCuts = [...(selection.byRegion ? ['region'] : []), ...(selection.byCategory ? ['category'] : [])];
    const queries = reads.flatMap(([tally, ranges]) => {
      const q: Promise<void>[] = [];
      // The totals per month (and per domain when filtered) give byMonth, byDomain and the sums.
      q.push(
        this.sums(tally, ranges, ['total'], filtered ?? [ALL_DOMAINS], filtered ? ['domain', 'month'] : ['month']).then(
          (rows) => {
            for (const r of rows) {
              add('byMonth', r.period, Number(r.records), Number(r.repaired));
              if (filtered) add('byDomain', r.domainCode, Number(r.records), Number(r.repaired));
            }
          },
        ),
      );
      if (keyCuts.length)
        q.push(
          this.sums(tally, ranges, keyCuts, filtered ?? [ALL_DOMAINS], ['cut', 'key']).then((rows) => {
            for (const r of rows)
              add(r.cut === 'region' ? 'byRegion' : 'byCategory', r.keyValue, Number(r.records), Number(r.repaired));
          }),
        );
      if (allDomains.length)
        q.push(
          this.sums(tally, ranges, ['total'], allDomains, ['domain']).then((rows) => {
            for (const r of rows) add('byDomain', r.domainCode, Number(r.records), Number(r.repaired));
          }),
        );
      return q;
    });
    await Promise.all(queries);
    const sorted = (dim: Dimension) =>
      selection[dim]
        ? [...buckets[dim].values()]
            .filter((b) => b.records > 0)
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        : [];
    const total = [...buckets.byMonth.values()];
    return Object.assign(new RecordStatistics(), {
      from,
      to,
      records: total.reduce((n, b) => n + b.records, 0),
      repaired: total.reduce((n, b) => n + b.repaired, 0),
      byDomain: sorted('byDomain'),
      byRegion: sorted('byRegion'),
      byCategory: sorted('byCategory'),
      byMonth: sorted('byMonth'),
    });
  }

  /**
   * Tally rows of these cuts and domains in the period ranges, summed per the named groups. The
   * primary key (cut, domain, period, key) makes each a range read; a breakdown by region sums in
   * the database over the months, not in Node.
   */
  private sums(
    tally: Tally,
    ranges: [string, string][],
    cuts: string[],
    domains: string[],
    groups: ('cut' | 'domain' | 'month' | 'key')[],
  ) {
    const qb = this.db
      .getRepository(tally)
      .createQueryBuilder('t')
      .select('SUM(t.records)', 'records')
      .addSelect('SUM(t.repaired)', 'repaired')
      .where('t.cut IN (:...cuts)', { cuts })
      .andWhere('t.domainCode IN (:...domains)', { domains })
      .andWhere(
        `(${ranges.map((_, i) => `(t.period >= :from${i} AND t.period <= :to${i})`).join(' OR ')})`,
        Object.fromEntries(
          ranges.flatMap(([a, b], i) => [
            [`from${i}`, a],
            [`to${i}`, b],
          ]),
        ),
      );
    const columns = { cut: 't.cut', domain: 't.domainCode', month: 'SUBSTR(t.period, 1, 7)', key: 't.keyValue' };
    const aliases = { cut: 'cut', domain: 'domainCode', month: 'period', key: 'keyValue' };
    for (const g of groups) qb.addSelect(columns[g], aliases[g]).addGroupBy(columns[g]);
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

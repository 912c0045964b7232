import { addDays, startOfChinaDay } from '@credit/shared';
import { Between, In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  addTo,
  bucketsToRead,
  figuresOfBuckets,
  figuresOfLags,
  type Histogram,
  type LagFigures,
} from '../aggregates/lagFigures';
import { splitPeriod } from '../aggregates/tallyPeriod';
import {
  bucketColumn,
  LAG_BUCKET_DAYS,
  lagColumn,
  UnitDayLagEntity,
  UnitDayLagSpanEntity,
  UnitDayRejectionEntity,
  UnitDayTallyEntity,
  UnitMonthLagEntity,
  UnitMonthLagSpanEntity,
} from '../aggregates/unitTally.entity';
import { dbTimestamp } from '../record/dates';
import { RecordEntity } from '../record/record.entity';
import { SubmissionEntity } from '../submission/submission.entity';

/** One unit's batch counters added up over a period. */
export interface BatchSums {
  unitCode: string;
  batches: number;
  rowsSubmitted: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: number;
}

type BatchCounters = Omit<BatchSums, 'unitCode'>;
const COUNTERS = ['batches', 'rowsSubmitted', 'created', 'updated', 'unchanged', 'excluded', 'rejected'] as const;

/** All counters at zero (a unit or day seen for the first time). */
export const noBatches = (): BatchCounters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as BatchCounters;

/** Adds one tally of batch counters to another: the tallies, the direct scan and the per-unit figures sum alike. */
export function addBatchCounters(into: BatchCounters, from: BatchCounters): void {
  for (const c of COUNTERS) into[c] += from[c];
}

/** What quality figures are made of, per unit, for submissions in [from, to] (Guizhou days). */
export interface QualityInputs {
  batches: BatchSums[];
  rejections: { unitCode: string; reason: string; rows: number }[];
  /** The timeliness of each unit's new records. */
  lags: (LagFigures & { unitCode: string })[];
}

/** Where quality figures come from: the maintained tallies (served), or the source rows (tests, checks). */
export interface QualitySource {
  read(from: string, to: string, lateThresholdDays: number, unitCodes?: string[]): Promise<QualityInputs>;
}

/** The lag tallies of one grain: whole months or single days of the period. */
interface LagGrain {
  spans: EntityTarget<ObjectLiteral>;
  lags: EntityTarget<ObjectLiteral>;
  column: 'month' | 'day';
  ranges: [string, string][];
}

const num = (v: string | number | null | undefined) => Number(v ?? 0);

/** The per-day tallies of units (aggregates/): a row per unit and day, whatever the volume. */
export class TalliedQuality implements QualitySource {
  constructor(private readonly db: DataSource) {}

  async read(from: string, to: string, lateThresholdDays: number, unitCodes?: string[]): Promise<QualityInputs> {
    if (unitCodes && unitCodes.length === 0) return { batches: [], rejections: [], lags: [] };
    const sum = (c: string) => `SUM(t.${c})`;
    const batchQ = this.db
      .getRepository(UnitDayTallyEntity)
      .createQueryBuilder('t')
      .select('t.unitCode', 'unitCode')
      .where('t.day >= :from AND t.day <= :to', { from, to })
      .groupBy('t.unitCode');
    for (const c of COUNTERS) batchQ.addSelect(sum(c), c);
    const reasonQ = this.db
      .getRepository(UnitDayRejectionEntity)
      .createQueryBuilder('t')
      .select('t.unitCode', 'unitCode')
      .addSelect('t.reason', 'reason')
      .addSelect(sum('rejectedRows'), 'rows')
      .where('t.day >= :from AND t.day <= :to', { from, to })
      .groupBy('t.unitCode')
      .addGroupBy('t.reason');
    if (unitCodes) for (const q of [batchQ, reasonQ]) q.andWhere('t.unitCode IN (:...units)', { units: unitCodes });
    const [batches, rejections, lags] = await Promise.all([
      batchQ.getRawMany<Record<keyof BatchSums, string | number>>(),
      reasonQ.getRawMany<{ unitCode: string; reason: string; rows: string | number }>(),
      this.lagFigures(from, to, lateThresholdDays, unitCodes),
    ]);
    return {
      batches: batches.map((b) => ({
        unitCode: String(b.unitCode),
        ...(Object.fromEntries(COUNTERS.map((c) => [c, num(b[c])])) as BatchCounters),
      })),
      rejections: rejections.map((r) => ({ unitCode: r.unitCode, reason: r.reason, rows: num(r.rows) })),
      lags,
    };
  }

  /**
   * Two reads: every unit's bucket totals (its span rows), then the single lags of the (at most
   * three) buckets per unit that hold its median, 90th percentile and late threshold. A history
   * loaded in one day has ~2,500 distinct lags per unit; this reads ~3 span rows and ≤ 3 bucket rows
   * of each per day or month of the period.
   */
  private async lagFigures(from: string, to: string, late: number, unitCodes?: string[]) {
    const { months, days } = splitPeriod(from, to);
    const grains: LagGrain[] = [];
    if (months)
      grains.push({ spans: UnitMonthLagSpanEntity, lags: UnitMonthLagEntity, column: 'month', ranges: [months] });
    if (days.length) grains.push({ spans: UnitDayLagSpanEntity, lags: UnitDayLagEntity, column: 'day', ranges: days });
    const q = (name: string) => this.db.driver.escape(name);
    const positions = Array.from({ length: LAG_BUCKET_DAYS }, (_, i) => i);
    const summed = positions.map((i) => `c${i}`);
    type Sums = { unitCode: string; k: string | number } & Record<string, string | number | null>;
    /**
     * Rows of `key` per unit, each with its LAG_BUCKET_DAYS positional counters summed over the
     * period: the month and day grains in one statement (a round trip to the database costs more
     * than the rows).
     */
    const sums = (
      kind: 'spans' | 'lags',
      key: string,
      column: (i: number) => string,
      where: string,
      params: unknown[],
    ) => {
      const units = unitCodes ? ` AND ${q('unitCode')} IN (${unitCodes.map(() => '?').join(', ')})` : '';
      const selects = grains.map(
        (g) =>
          `SELECT ${q('unitCode')} AS ${q('unitCode')}, ${q(key)} AS k, ${positions.map((i) => `SUM(${q(column(i))}) AS ${summed[i]}`).join(', ')}` +
          ` FROM ${q(this.db.getMetadata(g[kind]).tableName)}` +
          ` WHERE (${g.ranges.map(() => `${q(g.column)} BETWEEN ? AND ?`).join(' OR ')})${units}${where}` +
          ` GROUP BY ${q('unitCode')}, ${q(key)}`,
      );
      return this.db.query(
        selects.join(' UNION ALL '),
        grains.flatMap((g) => [...g.ranges.flat(), ...(unitCodes ?? []), ...params]),
      ) as Promise<Sums[]>;
    };
    /** Per unit, position i of row k counts under `k * LAG_BUCKET_DAYS + i` (a bucket of a span, a lag of a bucket). */
    const unpack = (rows: Sums[]) => {
      const out = new Map<string, Histogram>();
      for (const r of rows) {
        if (!out.has(r.unitCode)) out.set(r.unitCode, new Map());
        const h = out.get(r.unitCode)!;
        for (const i of positions) {
          const n = Number(r[summed[i]]);
          if (n) addTo(h, Number(r.k) * LAG_BUCKET_DAYS + i, n);
        }
      }
      return out;
    };
    const buckets = unpack(await sums('spans', 'span', bucketColumn, '', []));
    const named = [...buckets]
      .map(([unitCode, b]) => ({ unitCode, buckets: bucketsToRead(b, late) }))
      .filter((n) => n.buckets.length);
    const where = ` AND (${named.map((n) => `(${q('unitCode')} = ? AND ${q('bucket')} IN (${n.buckets.map(() => '?').join(', ')}))`).join(' OR ')})`;
    const params = named.flatMap((n) => [n.unitCode, ...n.buckets]);
    const lags = named.length
      ? unpack(await sums('lags', 'bucket', lagColumn, where, params))
      : new Map<string, Histogram>();
    return [...buckets].map(([unitCode, b]) => ({
      unitCode,
      ...figuresOfBuckets(b, lags.get(unitCode) ?? new Map(), late),
    }));
  }
}

/**
 * The figures computed directly from the submission log and the records (a scan of the period's
 * records): what the tallies must always equal. Tests compare the served answer with it.
 */
export class DirectQuality implements QualitySource {
  constructor(private readonly db: DataSource) {}

  async read(from: string, to: string, lateThresholdDays: number, unitCodes?: string[]): Promise<QualityInputs> {
    const start = startOfChinaDay(from);
    const end = new Date(startOfChinaDay(addDays(to, 1)).getTime() - 1);
    const submissions = await this.db.getRepository(SubmissionEntity).find({
      where: {
        submittedAt: Between(dbTimestamp(this.db, start) as Date, dbTimestamp(this.db, end) as Date),
        ...(unitCodes ? { sourceUnitCode: In(unitCodes) } : {}),
      },
    });
    const lagQuery = this.db
      .getRepository(RecordEntity)
      .createQueryBuilder('r')
      .select('r.sourceUnitCode', 'unit')
      .addSelect('r.lagDays', 'lag')
      .addSelect('COUNT(*)', 'n')
      .where('r.submittedAt >= :start AND r.submittedAt <= :end', {
        start: dbTimestamp(this.db, start),
        end: dbTimestamp(this.db, end),
      })
      .groupBy('r.sourceUnitCode')
      .addGroupBy('r.lagDays');
    if (unitCodes)
      lagQuery.andWhere(unitCodes.length ? 'r.sourceUnitCode IN (:...units)' : '1 = 0', { units: unitCodes });
    const lags = await lagQuery.getRawMany<{ unit: string; lag: number | string; n: number | string }>();
    const perUnitLags = new Map<string, Histogram>();
    for (const l of lags) {
      if (!perUnitLags.has(l.unit)) perUnitLags.set(l.unit, new Map());
      addTo(perUnitLags.get(l.unit)!, Number(l.lag), Number(l.n));
    }
    const batches = new Map<string, BatchSums>();
    const rejections: QualityInputs['rejections'] = [];
    for (const s of submissions) {
      const b = batches.get(s.sourceUnitCode) ?? { unitCode: s.sourceUnitCode, ...noBatches() };
      addBatchCounters(b, { ...s, batches: 1 });
      batches.set(s.sourceUnitCode, b);
      for (const [reason, rows] of Object.entries(s.rejectReasons))
        rejections.push({ unitCode: s.sourceUnitCode, reason, rows });
    }
    return {
      batches: [...batches.values()],
      rejections,
      lags: [...perUnitLags].map(([unitCode, h]) => ({ unitCode, ...figuresOfLags(h, lateThresholdDays) })),
    };
  }
}

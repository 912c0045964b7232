import { addDays, startOfChinaDay } from '@credit/shared';
import { Between, In, type DataSource } from 'typeorm';
import { mergeInto, parseHistogram, type Histogram } from '../aggregates/lagHistogram';
import { UnitDayLagEntity, UnitDayRejectionEntity, UnitDayTallyEntity } from '../aggregates/unitTally.entity';
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
export const noBatches = (): BatchCounters => ({
  batches: 0,
  rowsSubmitted: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  excluded: 0,
  rejected: 0,
});

/** Adds one tally of batch counters to another: the tallies, the direct scan and the per-unit figures sum alike. */
export function addBatchCounters(into: BatchCounters, from: BatchCounters): void {
  for (const c of COUNTERS) into[c] += from[c];
}

/** What quality figures are made of, per unit, for submissions in [from, to] (Guizhou days). */
export interface QualityInputs {
  batches: BatchSums[];
  rejections: { unitCode: string; reason: string; rows: number }[];
  /** New records per unit and lag in whole days. */
  lags: { unitCode: string; lagDays: number; records: number }[];
}

/** Where quality figures come from: the maintained tallies (served), or the source rows (tests, checks). */
export interface QualitySource {
  read(from: string, to: string, unitCodes?: string[]): Promise<QualityInputs>;
}

const num = (v: string | number | null | undefined) => Number(v ?? 0);

/** The per-day tallies of units (aggregates/): a row per unit and day, whatever the volume. */
export class TalliedQuality implements QualitySource {
  constructor(private readonly db: DataSource) {}

  async read(from: string, to: string, unitCodes?: string[]): Promise<QualityInputs> {
    if (unitCodes && unitCodes.length === 0) return { batches: [], rejections: [], lags: [] };
    const sum = (c: string) => `SUM(t.${c})`;
    const batchQ = this.db
      .getRepository(UnitDayTallyEntity)
      .createQueryBuilder('t')
      .select('t.unitCode', 'unitCode')
      .where('t.day >= :from AND t.day <= :to', { from, to })
      .groupBy('t.unitCode');
    for (const c of ['batches', 'rowsSubmitted', 'created', 'updated', 'unchanged', 'excluded', 'rejected'])
      batchQ.addSelect(sum(c), c);
    const reasonQ = this.db
      .getRepository(UnitDayRejectionEntity)
      .createQueryBuilder('t')
      .select('t.unitCode', 'unitCode')
      .addSelect('t.reason', 'reason')
      .addSelect(sum('rejectedRows'), 'rows')
      .where('t.day >= :from AND t.day <= :to', { from, to })
      .groupBy('t.unitCode')
      .addGroupBy('t.reason');
    const lagQ = this.db
      .getRepository(UnitDayLagEntity)
      .createQueryBuilder('t')
      .select('t.unitCode', 'unitCode')
      .addSelect('t.histogram', 'histogram')
      .where('t.day >= :from AND t.day <= :to', { from, to });
    if (unitCodes)
      for (const q of [batchQ, reasonQ, lagQ]) q.andWhere('t.unitCode IN (:...units)', { units: unitCodes });
    const [batches, rejections, histograms] = await Promise.all([
      batchQ.getRawMany<Record<keyof BatchSums, string | number>>(),
      reasonQ.getRawMany<{ unitCode: string; reason: string; rows: string | number }>(),
      lagQ.getRawMany<{ unitCode: string; histogram: string }>(),
    ]);
    const perUnit = new Map<string, Histogram>();
    for (const h of histograms) {
      const merged = perUnit.get(h.unitCode) ?? new Map<number, number>();
      mergeInto(merged, parseHistogram(h.histogram));
      perUnit.set(h.unitCode, merged);
    }
    const lags = [...perUnit].flatMap(([unitCode, h]) =>
      [...h].map(([lagDays, records]) => ({ unitCode, lagDays, records })),
    );
    return {
      batches: batches.map((b) => ({
        unitCode: String(b.unitCode),
        batches: num(b.batches),
        rowsSubmitted: num(b.rowsSubmitted),
        created: num(b.created),
        updated: num(b.updated),
        unchanged: num(b.unchanged),
        excluded: num(b.excluded),
        rejected: num(b.rejected),
      })),
      rejections: rejections.map((r) => ({ unitCode: r.unitCode, reason: r.reason, rows: num(r.rows) })),
      lags,
    };
  }
}

/**
 * The figures computed directly from the submission log and the records (a scan of the period's
 * records): what the tallies must always equal. Tests compare the served answer with it.
 */
export class DirectQuality implements QualitySource {
  constructor(private readonly db: DataSource) {}

  async read(from: string, to: string, unitCodes?: string[]): Promise<QualityInputs> {
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
      lags: lags.map((l) => ({ unitCode: l.unit, lagDays: Number(l.lag), records: Number(l.n) })),
    };
  }
}

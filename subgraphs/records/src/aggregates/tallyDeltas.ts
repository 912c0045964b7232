import type { EntityManager, ObjectLiteral } from 'typeorm';
import { RecordStatus } from '../record/record.type';
import { ALL_DOMAINS, RecordDayTallyEntity, RecordMonthTallyEntity, type TallyCut } from './recordTally.entity';
import { lagBucket } from './lagFigures';
import { addToTally } from '@credit/shared';
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
} from './unitTally.entity';
import { addBatchCounters, noBatches } from '../quality/qualitySource';

interface PendingRecord {
  domainCode: string;
  day: string;
  regionCode: string;
  category: string;
  records: number;
  repaired: number;
}
interface PendingLag {
  unitCode: string;
  day: string;
  lagDays: number;
  n: number;
}

/** The fields of a record that decide where it is counted. */
export interface TalliedRecord {
  domainCode: string;
  regionCode: string;
  category: string;
  decisionDate: string;
  status: string;
}

/** The counters of one submitted batch (its log entry). */
export interface BatchCounts {
  rowsSubmitted: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: number;
  rejectReasons: Record<string, number>;
  /** Batches these counts add up (1 for one batch). */
  batches?: number;
}

export interface TallyRows {
  months: RecordMonthTallyEntity[];
  days: RecordDayTallyEntity[];
  units: UnitDayTallyEntity[];
  rejections: UnitDayRejectionEntity[];
  lagDays: UnitDayLagEntity[];
  lagMonths: UnitMonthLagEntity[];
  lagSpanDays: UnitDayLagSpanEntity[];
  lagSpanMonths: UnitMonthLagSpanEntity[];
}

/** Each tally's table, in the one order every writer writes them (against deadlocks). */
export const TALLY_TABLES: Record<keyof TallyRows, new () => ObjectLiteral> = {
  months: RecordMonthTallyEntity,
  days: RecordDayTallyEntity,
  units: UnitDayTallyEntity,
  rejections: UnitDayRejectionEntity,
  lagDays: UnitDayLagEntity,
  lagMonths: UnitMonthLagEntity,
  lagSpanDays: UnitDayLagSpanEntity,
  lagSpanMonths: UnitMonthLagSpanEntity,
};

/** Every positional counter of a lag row at zero: `l0`… (prefix 'l') or `b0`… (prefix 'b'). */
const zeros = (prefix: string) =>
  Object.fromEntries(Array.from({ length: LAG_BUCKET_DAYS }, (_, i) => [`${prefix}${i}`, 0]));
const counted = (status: string) => status === RecordStatus.EFFECTIVE || status === RecordStatus.REPAIRED;
const TALLIED_FIELDS = ['domainCode', 'regionCode', 'category', 'decisionDate', 'status'] as const;

/**
 * The changes one transaction makes to the maintained aggregates, added up in memory while the
 * transaction writes its rows and applied at its end (`apply`) as one additive upsert per distinct
 * key: a batch of 500 records costs a few hundred small rows, not 500 statements, and the tally
 * rows are locked only from then until the commit.
 */
export class TallyDeltas {
  private readonly months = new Map<string, RecordMonthTallyEntity>();
  private readonly days = new Map<string, RecordDayTallyEntity>();
  private readonly units = new Map<string, UnitDayTallyEntity>();
  private readonly rejections = new Map<string, UnitDayRejectionEntity>();
  private readonly lagDays = new Map<string, UnitDayLagEntity>();
  private readonly lagMonths = new Map<string, UnitMonthLagEntity>();
  private readonly lagSpanDays = new Map<string, UnitDayLagSpanEntity>();
  private readonly lagSpanMonths = new Map<string, UnitMonthLagSpanEntity>();

  // Records and new records are first counted per distinct tallied key (one short key a record;
  // an import batch has a few thousand distinct ones) and spread over the tally rows in `rows()`:
  // spreading every record into its 12 tally keys and 4 lag rows was ~5 % of an import's CPU
  // with as much again in garbage collection (profile, 2026-12-07).
  private readonly pendingRecords = new Map<string, PendingRecord>();
  private readonly pendingLags = new Map<string, PendingLag>();

  /** A record counted (+1) or no longer counted (-1) under its current fields; n alike records at once (±n). */
  record(r: TalliedRecord, sign: number): void {
    if (!counted(r.status)) return;
    const day = String(r.decisionDate).slice(0, 10);
    const k = `${r.domainCode}\u0000${day}\u0000${r.regionCode}\u0000${r.category}`;
    let p = this.pendingRecords.get(k);
    if (!p) {
      p = { domainCode: r.domainCode, day, regionCode: r.regionCode, category: r.category, records: 0, repaired: 0 };
      this.pendingRecords.set(k, p);
    }
    p.records += sign;
    if (r.status === RecordStatus.REPAIRED) p.repaired += sign;
  }

  private spreadRecords(): void {
    const add = (
      rows: Map<string, RecordMonthTallyEntity>,
      cut: TallyCut,
      domainCode: string,
      period: string,
      keyValue: string,
      p: PendingRecord,
    ) => {
      const k = `${cut}\u0000${domainCode}\u0000${period}\u0000${keyValue}`;
      const row = rows.get(k);
      if (row) {
        row.records += p.records;
        row.repaired += p.repaired;
      } else rows.set(k, { cut, domainCode, period, keyValue, records: p.records, repaired: p.repaired });
    };
    for (const p of this.pendingRecords.values()) {
      if (p.records === 0 && p.repaired === 0) continue;
      const month = p.day.slice(0, 7);
      for (const domainCode of [p.domainCode, ALL_DOMAINS]) {
        for (const [rows, period] of [
          [this.months, month],
          [this.days, p.day],
        ] as const) {
          add(rows, 'total', domainCode, period, '', p);
          add(rows, 'region', domainCode, period, p.regionCode, p);
          add(rows, 'category', domainCode, period, p.category, p);
        }
      }
    }
    this.pendingRecords.clear();
  }

  /** A record changed from `before` to `after`: moved between tally keys only if a tallied field changed. */
  recordChange(before: TalliedRecord, after: TalliedRecord): void {
    if (TALLIED_FIELDS.every((f) => String(before[f]) === String(after[f]))) return;
    this.record(before, -1);
    this.record(after, 1);
  }

  /** A batch logged for `unitCode` on Guizhou day `day`. */
  batch(unitCode: string, day: string, c: BatchCounts): void {
    const k = `${day}\u0000${unitCode}`;
    const row = this.units.get(k) ?? { day, unitCode, ...noBatches() };
    addBatchCounters(row, { ...c, batches: c.batches ?? 1 });
    this.units.set(k, row);
    for (const [reason, n] of Object.entries(c.rejectReasons)) {
      const rk = `${k}\u0000${reason}`;
      const r = this.rejections.get(rk) ?? { day, unitCode, reason, rejectedRows: 0 };
      r.rejectedRows += n;
      this.rejections.set(rk, r);
    }
  }

  /** A record first submitted by `unitCode` on Guizhou day `day`, `lagDays` after its decision. */
  newRecord(unitCode: string, day: string, lagDays: number, n = 1): void {
    const k = `${unitCode}\u0000${day}\u0000${lagDays}`;
    const p = this.pendingLags.get(k);
    if (p) p.n += n;
    else this.pendingLags.set(k, { unitCode, day, lagDays, n });
  }

  private spreadLags(): void {
    for (const { unitCode, day, lagDays, n } of this.pendingLags.values()) {
      const month = day.slice(0, 7);
      const bucket = lagBucket(lagDays);
      const span = Math.floor(bucket / LAG_BUCKET_DAYS);
      const lag = lagColumn(lagDays - bucket * LAG_BUCKET_DAYS);
      const inSpan = bucketColumn(bucket - span * LAG_BUCKET_DAYS);
      const add = <T extends object>(rows: Map<string, T>, key: Partial<T>, column: string) => {
        const k = Object.values(key).join('\u0000');
        let row = rows.get(k);
        if (!row) rows.set(k, (row = { ...key, ...zeros(column[0]) } as T));
        (row as Record<string, number>)[column] += n;
      };
      add<UnitDayLagEntity>(this.lagDays, { unitCode, bucket, day }, lag);
      add<UnitMonthLagEntity>(this.lagMonths, { unitCode, bucket, month }, lag);
      add<UnitDayLagSpanEntity>(this.lagSpanDays, { day, unitCode, span }, inSpan);
      add<UnitMonthLagSpanEntity>(this.lagSpanMonths, { month, unitCode, span }, inSpan);
    }
    this.pendingLags.clear();
  }

  /** The deltas as tally rows (the rebuild writes them, the check compares them), zero rows left out. */
  rows(): TallyRows {
    this.spreadRecords();
    this.spreadLags();
    const nonZero = <T extends { records: number; repaired: number }>(rows: Iterable<T>) =>
      [...rows].filter((r) => r.records !== 0 || r.repaired !== 0);
    return {
      months: nonZero(this.months.values()),
      days: nonZero(this.days.values()),
      units: [...this.units.values()],
      rejections: [...this.rejections.values()].filter((r) => r.rejectedRows !== 0),
      lagDays: [...this.lagDays.values()],
      lagMonths: [...this.lagMonths.values()],
      lagSpanDays: [...this.lagSpanDays.values()],
      lagSpanMonths: [...this.lagSpanMonths.values()],
    };
  }

  /** Writes the deltas inside the caller's transaction; always the same table order, against deadlocks. */
  async apply(tx: EntityManager): Promise<void> {
    const rows = this.rows();
    for (const [table, target] of Object.entries(TALLY_TABLES) as [keyof TallyRows, new () => ObjectLiteral][])
      await addToTally(tx, target, rows[table] as ObjectLiteral[]);
  }
}

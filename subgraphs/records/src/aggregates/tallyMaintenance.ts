import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { RecordEntity } from '../record/record.entity';
import { RecordDayTallyEntity, RecordMonthTallyEntity } from './recordTally.entity';
import { bulkInsert, type Progress } from '@credit/shared';
import { tallyFromSource, tallyMonths } from './tallySource';
import { nextMonth } from './tallyPeriod';
import {
  UnitDayLagSpanEntity,
  UnitDayLagEntity,
  UnitDayRejectionEntity,
  UnitDayTallyEntity,
  UnitMonthLagSpanEntity,
  UnitMonthLagEntity,
} from './unitTally.entity';
import { TALLY_TABLES, type TallyRows } from './tallyDeltas';

/** Every tally entity (the data source registers them). */
export const TALLY_ENTITIES = Object.values(TALLY_TABLES);

/**
 * Records stored but a tally empty: a database migrated from before the tallies (or before the lag
 * buckets), not yet rebuilt.
 */
export async function talliesMissing(db: DataSource): Promise<boolean> {
  const [tally] = await db.getRepository(RecordMonthTallyEntity).find({ take: 1 });
  const [lags] = await db.getRepository(UnitMonthLagSpanEntity).find({ take: 1 });
  if (tally && lags) return false;
  return (await db.getRepository(RecordEntity).find({ select: { id: true }, take: 1 })).length > 0;
}

/**
 * Recomputes every tally from the source rows in one transaction: readers see the old tallies
 * until the commit, never a half-built set. Meant for an idle records service (a first
 * installation, after a bulk load that bypassed the write path, or when the check finds a drift):
 * a batch committed while it runs would be counted only if it commits before its month is read.
 */
export function rebuildTallies(db: DataSource, progress: Progress = () => {}) {
  return db.transaction((tx) => rebuildTalliesIn(tx, progress));
}

/** The rebuild inside the caller's transaction (the demo seed writes its rows and their tallies at once). */
export async function rebuildTalliesIn(
  tx: EntityManager,
  progress: Progress = () => {},
): Promise<{ months: number; rows: number }> {
  for (const e of TALLY_ENTITIES) await tx.createQueryBuilder().delete().from(e).execute();
  const months = await tallyMonths(tx);
  let rows = 0;
  for (const [i, month] of months.entries()) {
    // Months are disjoint in every tally's key (decision month, or Guizhou month of submission):
    // plain inserts into the emptied tables, no upserts.
    const r = (await tallyFromSource(tx, month)).rows();
    for (const [table, target] of Object.entries(TALLY_TABLES) as [keyof TallyRows, new () => ObjectLiteral][])
      await bulkInsert(tx, target, r[table] as ObjectLiteral[]);
    rows += Object.values(r).reduce((n, t: unknown[]) => n + t.length, 0);
    progress(i + 1, months.length);
  }
  return { months: months.length, rows };
}

export interface TallyDrift {
  table: string;
  key: string;
  stored: string;
  expected: string;
}

/** Where the stored tallies differ from the source rows, month by month (empty: they agree). */
export async function checkTallies(db: DataSource, progress: Progress = () => {}): Promise<TallyDrift[]> {
  const months = await tallyMonths(db);
  const drifts: TallyDrift[] = [];
  for (const [i, month] of months.entries()) {
    const expected = (await tallyFromSource(db, month)).rows();
    const next = nextMonth(month);
    const inMonth = { a: `${month}-01`, b: `${next}-01` };
    const stored: TallyRows = {
      months: await storedRows(db, RecordMonthTallyEntity, 'period = :m', { m: month }),
      days: await storedRows(db, RecordDayTallyEntity, 'period >= :a AND period < :b', inMonth),
      units: await storedRows(db, UnitDayTallyEntity, 'day >= :a AND day < :b', inMonth),
      rejections: await storedRows(db, UnitDayRejectionEntity, 'day >= :a AND day < :b', inMonth),
      lagDays: await storedRows(db, UnitDayLagEntity, 'day >= :a AND day < :b', inMonth),
      lagMonths: await storedRows(db, UnitMonthLagEntity, 'month = :m', { m: month }),
      lagSpanDays: await storedRows(db, UnitDayLagSpanEntity, 'day >= :a AND day < :b', inMonth),
      lagSpanMonths: await storedRows(db, UnitMonthLagSpanEntity, 'month = :m', { m: month }),
    };
    for (const table of Object.keys(expected) as (keyof TallyRows)[]) {
      drifts.push(...compare(table, db, stored[table], expected[table]));
    }
    progress(i + 1, months.length);
  }
  return drifts;
}

async function storedRows<T extends ObjectLiteral>(
  db: DataSource,
  target: EntityTarget<T>,
  where: string,
  params: Record<string, string>,
): Promise<T[]> {
  return db.getRepository(target).createQueryBuilder('t').where(where, params).getMany();
}

function compare(table: string, db: DataSource, stored: ObjectLiteral[], expected: ObjectLiteral[]): TallyDrift[] {
  const meta = db.getMetadata(TALLY_TABLES[table as keyof TallyRows]);
  const keys = meta.primaryColumns.map((c) => c.propertyName);
  const counters = meta.columns.filter((c) => !c.isPrimary).map((c) => c.propertyName);
  const keyOf = (r: ObjectLiteral) => keys.map((k) => String(r[k])).join('/');
  const value = (r: ObjectLiteral | undefined, c: string) => String(r ? Number(r[c]) : 0);
  const valueOf = (r: ObjectLiteral | undefined) => counters.map((c) => `${c}=${value(r, c)}`).join(' ');
  const zero = valueOf(undefined);
  const byKey = new Map(expected.map((r) => [keyOf(r), r]));
  const out: TallyDrift[] = [];
  for (const s of stored) {
    const k = keyOf(s);
    const e = byKey.get(k);
    byKey.delete(k);
    if (valueOf(s) !== valueOf(e) && !(valueOf(s) === zero && !e))
      out.push({ table: meta.tableName, key: k, stored: valueOf(s), expected: valueOf(e) });
  }
  for (const [k, e] of byKey) out.push({ table: meta.tableName, key: k, stored: zero, expected: valueOf(e) });
  return out;
}

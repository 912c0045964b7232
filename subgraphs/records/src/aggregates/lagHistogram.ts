import { isMysql } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import { LAG_CHUNK_DAYS, UnitDayLagEntity } from './unitTally.entity';

/** Lag (whole days) -> records. */
export type Histogram = Map<number, number>;

export const parseHistogram = (json: string): Histogram =>
  new Map(Object.entries(JSON.parse(json) as Record<string, number>).map(([k, v]) => [Number(k), v]));

/** Canonical text: lags in ascending order, so that equal histograms are equal strings. */
export const histogramJson = (h: Histogram): string =>
  JSON.stringify(Object.fromEntries([...h].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0])));

export const lagChunk = (lagDays: number) => Math.floor(lagDays / LAG_CHUNK_DAYS);

export const mergeInto = (into: Histogram, from: Histogram) => {
  for (const [lag, n] of from) into.set(lag, (into.get(lag) ?? 0) + n);
};

/**
 * Adds histograms to their rows inside the caller's transaction: rows created empty if missing
 * and locked, then read (FOR UPDATE on MySQL; SQLite writes one transaction at a time), merged and
 * written back. Keys in one order everywhere, against deadlocks.
 */
export async function addToLagHistograms(
  tx: EntityManager,
  deltas: { day: string; unitCode: string; chunk: number; histogram: Histogram }[],
): Promise<void> {
  if (deltas.length === 0) return;
  // Chunks shifted positive and padded: the string order is the key order.
  const order = (d: { day: string; unitCode: string; chunk: number }) =>
    `${d.day}\u0000${d.unitCode}\u0000${String(d.chunk + 1_000_000).padStart(8, '0')}`;
  const sorted = [...deltas].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const q = (name: string) => tx.connection.driver.escape(name);
  const table = q(tx.connection.getMetadata(UnitDayLagEntity).tableName);
  const mysql = isMysql(tx.connection);
  // On MySQL the no-op update takes the row's exclusive lock at once (INSERT IGNORE would take a
  // shared one, and two writers upgrading it to FOR UPDATE would deadlock).
  await tx.query(
    `INSERT ${mysql ? '' : 'OR IGNORE '}INTO ${table} (${q('day')}, ${q('unitCode')}, ${q('chunk')}, ${q('histogram')}) VALUES ${sorted.map(() => "(?, ?, ?, '{}')").join(', ')}${mysql ? ` ON DUPLICATE KEY UPDATE ${q('histogram')} = ${q('histogram')}` : ''}`,
    sorted.flatMap((d) => [d.day, d.unitCode, d.chunk]),
  );
  const lock = mysql ? ' FOR UPDATE' : '';
  const key = `${q('day')} = ? AND ${q('unitCode')} = ? AND ${q('chunk')} = ?`;
  for (const d of sorted) {
    const [row] = (await tx.query(`SELECT ${q('histogram')} AS histogram FROM ${table} WHERE ${key}${lock}`, [
      d.day,
      d.unitCode,
      d.chunk,
    ])) as { histogram: string }[];
    const merged = parseHistogram(row.histogram);
    mergeInto(merged, d.histogram);
    await tx.query(`UPDATE ${table} SET ${q('histogram')} = ? WHERE ${key}`, [
      histogramJson(merged),
      d.day,
      d.unitCode,
      d.chunk,
    ]);
  }
}

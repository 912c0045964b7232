import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Statement } from './bulkInsert';

// Rows per statement: at most 2,000, and under SQLite's 32,766 bound parameters for wide tallies.
const MAX_ROWS_PER_STATEMENT = 2000;
const MAX_PARAMETERS = 32_000;

/**
 * Adds each row's counters to the tally row of the same key, creating it when missing, in one
 * statement per 2,000 rows: `ON DUPLICATE KEY UPDATE n = n + VALUES(n)` on MySQL/MariaDB and
 * `ON CONFLICT DO UPDATE SET n = n + excluded.n` on SQLite, both atomic under concurrent writers.
 * The key is the entity's primary key, every other column a counter. Rows are written in key
 * order, so that two transactions touching the same keys lock them in the same order (no deadlock).
 * Rows of the same key are summed first (grouped writes bring many increments of one row).
 */
export async function addToTally<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  for (const s of tallyStatements(manager, target, rows)) await manager.query(s.sql, s.params);
}

/** The upserts of `addToTally`, unsent: for a caller that sends them with others in one trip. */
export function tallyStatements<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Statement[] {
  if (rows.length === 0) return [];
  const meta = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const sqlite = driver.options.type === 'better-sqlite3';
  const keys = meta.primaryColumns.map((c) => c.propertyName);
  const counters = meta.columns.filter((c) => !c.isPrimary).map((c) => c.propertyName);
  const columns = [...keys, ...counters];
  const q = (name: string) => driver.escape(name);
  const sorted = [...sumByKey(rows, keys, counters)].sort((a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
  });
  const head = `INSERT INTO ${q(meta.tableName)} (${columns.map(q).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const tail = sqlite
    ? ` ON CONFLICT (${keys.map(q).join(', ')}) DO UPDATE SET ${counters.map((c) => `${q(c)} = ${q(c)} + excluded.${q(c)}`).join(', ')}`
    : ` ON DUPLICATE KEY UPDATE ${counters.map((c) => `${q(c)} = ${q(c)} + VALUES(${q(c)})`).join(', ')}`;
  const perStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length));
  const out: Statement[] = [];
  for (let i = 0; i < sorted.length; i += perStatement) {
    const part = sorted.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of part) for (const c of columns) params.push(row[c]);
    out.push({ sql: head + part.map(() => tuple).join(', ') + tail, params });
  }
  return out;
}

/** One row per key, its counters the sums of the given rows' (the rows are not modified). */
function sumByKey<T extends ObjectLiteral>(rows: T[], keys: string[], counters: string[]): T[] {
  if (rows.length < 2) return rows;
  const byKey = new Map<string, T>();
  // A row is copied only when a second row of its key comes: callers that already summed (TallyDeltas)
  // pass thousands of distinct keys, and copying each by spread was V8's slow path.
  const copies = new Set<T>();
  for (const row of rows) {
    let key = '';
    for (const k of keys) key += `${String(row[k])}\u0000`;
    let seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, row);
      continue;
    }
    if (!copies.has(seen)) {
      seen = { ...seen };
      copies.add(seen);
      byKey.set(key, seen);
    }
    for (const c of counters) (seen as Record<string, unknown>)[c] = Number(seen[c]) + Number(row[c]);
  }
  return [...byKey.values()];
}

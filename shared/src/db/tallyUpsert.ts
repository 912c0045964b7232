import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// Under SQLite's 32,766 bound parameters for the widest tally (9 columns): 18,000.
const ROWS_PER_STATEMENT = 2000;

/**
 * Adds each row's counters to the tally row of the same key, creating it when missing, in one
 * statement per 2,000 rows: `ON DUPLICATE KEY UPDATE n = n + VALUES(n)` on MySQL/MariaDB and
 * `ON CONFLICT DO UPDATE SET n = n + excluded.n` on SQLite, both atomic under concurrent writers.
 * The key is the entity's primary key, every other column a counter. Rows are written in key
 * order, so that two transactions touching the same keys lock them in the same order (no deadlock).
 */
export async function addToTally<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  if (rows.length === 0) return;
  const meta = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const sqlite = driver.options.type === 'better-sqlite3';
  const keys = meta.primaryColumns.map((c) => c.propertyName);
  const counters = meta.columns.filter((c) => !c.isPrimary).map((c) => c.propertyName);
  const columns = [...keys, ...counters];
  const q = (name: string) => driver.escape(name);
  const sorted = [...rows].sort((a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
  });
  const head = `INSERT INTO ${q(meta.tableName)} (${columns.map(q).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const tail = sqlite
    ? ` ON CONFLICT (${keys.map(q).join(', ')}) DO UPDATE SET ${counters.map((c) => `${q(c)} = ${q(c)} + excluded.${q(c)}`).join(', ')}`
    : ` ON DUPLICATE KEY UPDATE ${counters.map((c) => `${q(c)} = ${q(c)} + VALUES(${q(c)})`).join(', ')}`;
  for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) {
    const part = sorted.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of part) for (const c of columns) params.push(row[c]);
    await manager.query(head + part.map(() => tuple).join(', ') + tail, params);
  }
}

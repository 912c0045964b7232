import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

// SQLite allows 32,766 bound parameters per statement; MySQL's limit is the packet size.
const SQLITE_MAX_PARAMS = 32_000;

/** The columns a bulk write fills: all but the ids the database generates. */
export const insertableColumns = (meta: EntityMetadata): ColumnMetadata[] =>
  meta.columns.filter((c) => !(c.isGenerated && c.generationStrategy === 'increment'));

/**
 * One row's values for `columns` by TypeORM's driver rules; a missing create/update date is `now`,
 * any other missing column its default or NULL.
 */
export function persistentValues<T extends ObjectLiteral>(
  manager: EntityManager,
  columns: ColumnMetadata[],
  row: Partial<T>,
  now: Date,
): unknown[] {
  const driver = manager.connection.driver;
  return columns.map((c) => {
    let value = c.getEntityValue(row as T, true);
    if (value === undefined) {
      if (c.isCreateDate || c.isUpdateDate) value = now;
      else if (c.default !== undefined && typeof c.default !== 'function') value = c.default;
      else value = null;
    }
    return driver.preparePersistentValue(value, c);
  });
}

/** SQL with its `?` parameters in order (the same placeholders on MySQL and SQLite). */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The multi-row INSERTs of `bulkInsert`, unsent: for a caller that sends them with others in one
 * trip (commitInOneTrip).
 */
export function insertStatements<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  opts: { rowsPerStatement?: number; ignoreDuplicates?: boolean } = {},
): Statement[] {
  if (rows.length === 0) return [];
  const meta = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = insertableColumns(meta);
  const sqlite = driver.options.type === 'better-sqlite3';
  const perStatement = Math.max(
    1,
    Math.min(opts.rowsPerStatement ?? 1000, sqlite ? Math.floor(SQLITE_MAX_PARAMS / columns.length) : 5000),
  );
  const now = new Date();
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const verb = opts.ignoreDuplicates ? (sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE') : 'INSERT';
  const table = driver.escape(meta.tableName);
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of part) params.push(...persistentValues(manager, columns, row, now));
    out.push({ sql: `${verb} INTO ${table} (${names}) VALUES ${part.map(() => tuple).join(', ')}`, params });
  }
  return out;
}

/**
 * Multi-row INSERTs in a few statements, with values converted by TypeORM's own driver rules
 * (booleans, dates, decimals, JSON, transformers) but without its per-row entity bookkeeping,
 * which dominates the cost of loading millions of rows. Generated columns are left to the
 * database; create/update dates default to now.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  opts: { rowsPerStatement?: number; ignoreDuplicates?: boolean } = {},
): Promise<number> {
  for (const s of insertStatements(manager, target, rows, opts)) await manager.query(s.sql, s.params);
  return rows.length;
}

import { Readable } from 'node:stream';
import { bulkInsert, domainError, ErrorCode, insertableColumns } from '@credit/shared';
import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The part of a pooled mysql2 connection that LOAD DATA LOCAL needs: the stream factory its queries default to. */
interface RawMysqlConnection {
  config: { infileStreamFactory?: () => Readable };
}
interface LoadResult {
  affectedRows: number;
  warningStatus: number;
}

/**
 * One field of a LOAD DATA text row (default FIELDS/LINES options: tab, newline, backslash
 * escape): NULL is `\N`, and a backslash, tab, newline, carriage return or NUL inside a value
 * is escaped so that it can never end a field or a row.
 */
export function loadDataField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  // The connection runs in UTC (timezone 'Z'); datetime(6) keeps the milliseconds.
  if (v instanceof Date) return v.toISOString().slice(0, 23).replace('T', ' ');
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r\0]/.test(s) ? s.replace(/[\\\t\n\r\0]/g, (c) => LOAD_ESCAPES[c]) : s;
}
const LOAD_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };

/** One column as a LOAD DATA field, from a row: the value TypeORM would persist, text-encoded. */
type FieldOf = (row: ObjectLiteral, now: Date) => string;

// Column types whose persisted value is the row's own string, unchanged by the driver.
const PLAIN_TEXT_TYPES = new Set<unknown>(['varchar', 'text', 'char', 'nvarchar', 'longtext', 'mediumtext', 'date']);

/**
 * A column's field maker. Plain columns (no transformer, no embedded entity) holding the JS type
 * the driver passes through untouched skip TypeORM's getEntityValue and preparePersistentValue:
 * per row and column they were ~10 % of an import's CPU (profile, 2026-12-07). Any other value
 * goes the driver's way, so the text is always what persistentValues gives.
 */
function fieldOf(ds: DataSource, c: ColumnMetadata): FieldOf {
  const driver = ds.driver;
  const missing = (now: Date): unknown =>
    c.isCreateDate || c.isUpdateDate
      ? now
      : c.default !== undefined && typeof c.default !== 'function'
        ? c.default
        : null;
  const slow = (row: ObjectLiteral, now: Date): string => {
    let value = c.getEntityValue(row, true) as unknown;
    if (value === undefined) value = missing(now);
    return loadDataField(driver.preparePersistentValue(value, c));
  };
  if (c.transformer || c.embeddedMetadata || c.relationMetadata) return slow;
  const name = c.propertyName;
  const text = PLAIN_TEXT_TYPES.has(c.type);
  const datetime = c.type === 'datetime' || c.type === 'timestamp';
  const int = c.type === 'int' || c.type === 'integer';
  return (row, now) => {
    const v = row[name] as unknown;
    if (v === null) return '\\N';
    if (typeof v === 'string' ? text : v instanceof Date ? datetime : typeof v === 'number' && int)
      return loadDataField(v);
    return slow(row, now);
  };
}

const serializers = new WeakMap<DataSource, Map<EntityMetadata, FieldOf[]>>();

/** The field makers of an entity's insertable columns, built once per data source. */
function fieldsOf(ds: DataSource, meta: EntityMetadata, columns: ColumnMetadata[]): FieldOf[] {
  let byEntity = serializers.get(ds);
  if (!byEntity) serializers.set(ds, (byEntity = new Map()));
  let fields = byEntity.get(meta);
  if (!fields) byEntity.set(meta, (fields = columns.map((c) => fieldOf(ds, c))));
  return fields;
}

/** The rows as LOAD DATA text: tab between fields, newline after every row. */
export function loadDataText(ds: DataSource, target: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): string {
  const meta = ds.getMetadata(target);
  const fields = fieldsOf(ds, meta, insertableColumns(meta));
  const now = new Date();
  const parts: string[] = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = fields[0](row, now);
    for (let i = 1; i < fields.length; i++) line += '\t' + fields[i](row, now);
    parts[r] = line;
  }
  return parts.join('\n') + '\n';
}

// MySQL 8 ships with local_infile=OFF; a server that refuses LOCAL loads gets INSERTs from then on.
const REFUSED = new Set([
  'ER_NOT_ALLOWED_COMMAND',
  'ER_CLIENT_LOCAL_FILES_DISABLED',
  'ER_LOAD_INFILE_CAPABILITY_DISABLED',
]);
const refusingServers = new WeakSet<object>();

/** A server (or client) configuration that forbids LOAD DATA LOCAL, as opposed to a failed load. */
export function isLocalInfileRefused(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code ?? '';
  const errno = e.driverError?.errno ?? e.errno;
  // 1148 MySQL 5.x, 3948 MySQL 8, 2068 the client side, 4166 MariaDB (which sends no symbolic code).
  return REFUSED.has(code) || errno === 1148 || errno === 3948 || errno === 2068 || errno === 4166;
}

/**
 * Inserts rows like `bulkInsert`, but on MySQL/MariaDB as one `LOAD DATA LOCAL INFILE` streamed
 * from memory: the server skips SQL parsing and the client builds one flat text instead of a
 * quoted, escaped statement per 1,000 rows (the import's main allocation). SQLite, and a manager
 * outside a transaction, and a server with local_infile off use `bulkInsert`.
 *
 * With LOCAL the server cannot stop the client's stream, so it turns errors (a duplicate key, a
 * value too long) into warnings and skips or truncates the row. Any warning or missing row
 * therefore fails the call, which rolls back the caller's transaction; a duplicate key is
 * reported as ER_DUP_ENTRY, as an INSERT would.
 */
export async function bulkLoad<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const ds = manager.connection;
  const runner = manager.queryRunner;
  if (
    (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') ||
    !runner?.isTransactionActive ||
    refusingServers.has(ds)
  ) {
    return bulkInsert(manager, target, rows);
  }
  const meta = ds.getMetadata(target);
  const driver = ds.driver;
  const columns = insertableColumns(meta);
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const sql =
    `LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE ${driver.escape(meta.tableName)} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${names})`;
  // The statement goes through TypeORM (logging, statement counts, QueryFailedError) on the
  // transaction's own connection; only for its duration does that connection answer the server's
  // file request, always with this text whatever file name the server asks for (mysql2 gives each
  // pooled connection its own copy of the config, so no other connection sees the factory).
  const conn = (await runner.connect()) as RawMysqlConnection;
  const text = loadDataText(ds, target as EntityTarget<ObjectLiteral>, rows);
  conn.config.infileStreamFactory = () => Readable.from([Buffer.from(text, 'utf8')]);
  let result: LoadResult;
  try {
    result = (await manager.query(sql)) as LoadResult;
  } catch (err) {
    if (!isLocalInfileRefused(err)) throw err;
    // Refused before any row was read: the transaction is intact and INSERTs do the same work.
    refusingServers.add(ds);
    return bulkInsert(manager, target, rows);
  } finally {
    conn.config.infileStreamFactory = undefined;
  }
  if (result.affectedRows !== rows.length || result.warningStatus > 0) {
    const warnings = (await manager.query('SHOW WARNINGS LIMIT 5')) as { Code: number; Message: string }[];
    if (warnings.some((w) => w.Code === 1062)) {
      throw Object.assign(new Error(`duplicate key loading ${meta.tableName}: ${warnings[0].Message}`), {
        code: 'ER_DUP_ENTRY',
      });
    }
    throw domainError(
      ErrorCode.INTERNAL_SERVER_ERROR,
      `loading ${meta.tableName}: ${result.affectedRows} of ${rows.length} rows, ${warnings.map((w) => `${w.Code} ${w.Message}`).join('; ')}`,
    );
  }
  return rows.length;
}

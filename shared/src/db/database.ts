import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, type MixedList } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import type { Logger } from '../logging/logger';
import { CountingSqlLogger } from './statementCounter';
import { accountOf, grantServiceAccess } from './accounts';
import { AuditLogAppendOnly1796046090725, ensureSqliteAppendOnly } from './appendOnly';
import { mysqlTarget, type MysqlTarget } from './mysqlTarget';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string>;

export interface DatabaseOptions {
  /** Service name: SQLite file `<dataDir>/<service>.sqlite`, MySQL schema `<prefix>_<service>`. */
  service: string;
  entities: ClassList;
  /** Checked-in MySQL migrations; SQLite builds its schema from the entities on start. */
  migrations: ClassList;
  dbUrl?: string;
  /**
   * The migration account (same server and prefix): creates the schema, runs migrations and grants
   * the `dbUrl` account its per-table rights. Unset: `dbUrl` does all of it (development, tests).
   */
  migrateUrl?: string;
  /** Read replicas: same layout as dbUrl; reads go to them, writes and transactions to dbUrl. */
  replicaUrls?: string[];
  dataDir: string;
  poolSize?: number;
  /**
   * MySQL: connections accept several statements per query, for commitInOneTrip. Only for services
   * whose every statement binds its values as parameters (all of this platform's do).
   */
  multipleStatements?: boolean;
  logger?: Logger;
  /** Override the SQLite file (tests use a temporary one). */
  sqliteFile?: string;
  /**
   * MySQL: open the schema as it is, creating and migrating nothing, so that a read-only tool
   * (`pnpm subjects:check`) runs with the service account, which may not do either.
   */
  asIs?: boolean;
}

export { mysqlTarget, type MysqlTarget };

export const isMysql = (ds: DataSource): boolean => ds.options.type === 'mysql' || ds.options.type === 'mariadb';

/**
 * Opens the service's own database: embedded SQLite (schema from entities) without DB_URL,
 * MySQL/MariaDB with checked-in migrations applied first when DB_URL is set.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const sqlLogger = new CountingSqlLogger(opts.logger);
  let ds: DataSource;
  // The shared append-only triggers follow the subgraph's own migrations (they need its audit_log).
  const migrations = Array.isArray(opts.migrations)
    ? [...opts.migrations, AuditLogAppendOnly1796046090725]
    : opts.migrations;
  if (opts.dbUrl) {
    const t = mysqlTarget(opts.dbUrl, opts.service);
    const owner = opts.migrateUrl ? { ...mysqlTarget(opts.migrateUrl, opts.service), database: t.database } : t;
    const admin = await createConnection({
      host: owner.host,
      port: owner.port,
      user: owner.user,
      password: owner.password,
    });
    let flavour: 'mysql' | 'mariadb' = 'mysql';
    try {
      const [rows] = await admin.query('SELECT VERSION() AS v');
      // TypeORM's mariadb driver reads MariaDB's catalogue correctly (defaults, NULLs); same SQL otherwise.
      if (/mariadb/i.test(String((rows as { v: string }[])[0]?.v))) flavour = 'mariadb';
      if (!opts.asIs)
        await admin.query(
          `CREATE DATABASE IF NOT EXISTS \`${t.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
    } finally {
      await admin.end();
    }
    const node = (x: MysqlTarget) => ({
      host: x.host,
      port: x.port,
      username: x.user,
      password: x.password,
      database: x.database,
    });
    const common = {
      type: flavour,
      entities: opts.entities,
      migrations,
      synchronize: false,
      migrationsTransactionMode: 'each',
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: true,
      logger: sqlLogger,
    } as const;
    if (opts.migrateUrl && !opts.asIs) {
      // DDL only by the migration account, which then grants the service account its rights.
      const migrator = new DataSource({ ...common, ...node(owner), poolSize: 1 });
      await migrator.initialize();
      try {
        await migrator.runMigrations();
        await grantServiceAccess((sql, params) => migrator.query(sql, params), t.database, await accountOf(opts.dbUrl));
      } finally {
        await migrator.destroy();
      }
    }
    const replicas = (opts.replicaUrls ?? []).map((u) => node(mysqlTarget(u, opts.service)));
    ds = new DataSource({
      ...common,
      ...(replicas.length ? { replication: { master: node(t), slaves: replicas } } : node(t)),
      poolSize: opts.poolSize ?? 10,
      multipleStatements: opts.multipleStatements === true,
    });
    await ds.initialize();
    if (!opts.migrateUrl && !opts.asIs) await ds.runMigrations();
  } else {
    const file = opts.sqliteFile ?? join(resolve(opts.dataDir), `${opts.service}.sqlite`);
    if (file !== ':memory:') mkdirSync(resolve(file, '..'), { recursive: true });
    ds = new DataSource({
      type: 'better-sqlite3',
      database: file,
      entities: opts.entities,
      // The embedded demo builds its schema from the entities; MySQL never does (migrations only).
      synchronize: true,
      enableWAL: true,
      // WAL + synchronous=NORMAL: no fsync per commit (a power cut may lose the last commits, never
      // corrupt the file); every audited read writes a row, so this decides embedded throughput.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
      logger: sqlLogger,
    });
    await ds.initialize();
    await ensureSqliteAppendOnly(ds);
  }
  return ds;
}

/** SQL the entities would need beyond what the database has: empty when migrations are current. */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

export async function pingDatabase(ds: DataSource): Promise<boolean> {
  try {
    await ds.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

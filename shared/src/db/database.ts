import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, MigrationExecutor, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import type { Logger } from '../logging/logger';
import { CountingSqlLogger } from './statementCounter';
import { accountOf, grantServiceAccess } from './accounts';
import { AUDIT_MIGRATIONS, ensureSqliteAppendOnly } from './appendOnly';
import { AuditAnchorEntity } from '../audit/auditAnchor.entity';
import { AuditEntry } from '../audit/auditEntry.entity';
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
   * The migration account (same server and prefix): migrateSchema runs with it first (the migrate job,
   * tests). The services never get it: in production they only check that the schema is current.
   */
  migrateUrl?: string;
  /**
   * false: never change the schema; one behind its migrations is refused, naming `pnpm migrate`
   * (production services). Default: apply pending migrations with `dbUrl` (development, tests).
   */
  applyMigrations?: boolean;
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
  // The shared audit migrations follow the subgraph's own (they need its audit_log).
  const migrations = withAuditMigrations(opts.migrations);
  const entities = withAuditEntities(opts.entities);
  if (opts.dbUrl) {
    if (opts.migrateUrl) {
      await migrateSchema({
        service: opts.service,
        migrations: opts.migrations,
        dbUrl: opts.dbUrl,
        migrateUrl: opts.migrateUrl,
      });
    }
    const t = mysqlTarget(opts.dbUrl, opts.service);
    const apply = opts.applyMigrations !== false && !opts.migrateUrl;
    const flavour = await serverFlavour(t, apply);
    const replicas = (opts.replicaUrls ?? []).map((u) => mysqlNode(mysqlTarget(u, opts.service)));
    ds = new DataSource({
      ...mysqlOptions(flavour, entities, migrations, sqlLogger),
      ...(replicas.length
        ? {
            replication: {
              master: mysqlNode(t),
              slaves: replicas,
              // mysql2's pool cluster drops a node after 5 failed connects and, by default, never takes
              // it back: one fail-over (a Galera node killed behind HAProxy) then broke every replica
              // read until restart ("Pool does Not exist"). Now a node sits out a second and is tried again.
              restoreNodeTimeout: 1000,
            },
          }
        : mysqlNode(t)),
      poolSize: opts.poolSize ?? 10,
      multipleStatements: opts.multipleStatements === true,
    });
    try {
      await ds.initialize();
    } catch (err) {
      const errno = (err as { errno?: number }).errno;
      if (errno !== 1044 && errno !== 1049) throw err; // ER_DBACCESS_DENIED_ERROR, ER_BAD_DB_ERROR
      const detail = `the schema ${t.database} is missing or not open to DB_URL's account`;
      throw Object.assign(schemaBehind(opts.service, detail), { errno });
    }
    try {
      await bringSchemaCurrent(ds, opts.service, apply);
    } catch (err) {
      await ds.destroy();
      throw err;
    }
  } else {
    const file = opts.sqliteFile ?? join(resolve(opts.dataDir), `${opts.service}.sqlite`);
    if (file !== ':memory:') mkdirSync(resolve(file, '..'), { recursive: true });
    ds = new DataSource({
      type: 'better-sqlite3',
      database: file,
      entities,
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

/** The anchors seal the audit log of every service that keeps one. */
function withAuditEntities(entities: ClassList): ClassList {
  return Array.isArray(entities) && entities.includes(AuditEntry) && !entities.includes(AuditAnchorEntity)
    ? [...entities, AuditAnchorEntity]
    : entities;
}

function withAuditMigrations(migrations: ClassList): ClassList {
  return Array.isArray(migrations) ? [...migrations, ...AUDIT_MIGRATIONS] : migrations;
}

const mysqlNode = (x: MysqlTarget) => ({
  host: x.host,
  port: x.port,
  username: x.user,
  password: x.password,
  database: x.database,
});

const mysqlOptions = (
  flavour: 'mysql' | 'mariadb',
  entities: ClassList,
  migrations: ClassList,
  logger?: TypeOrmLogger,
) =>
  ({
    type: flavour,
    entities,
    migrations,
    synchronize: false,
    migrationsTransactionMode: 'each',
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    logger,
  }) as const;

/**
 * TypeORM's mariadb driver reads MariaDB's catalogue correctly (defaults, NULLs); same SQL otherwise.
 * `create`: the schema is created when missing (an account that may not create one can still open it).
 */
async function serverFlavour(t: MysqlTarget, create: boolean): Promise<'mysql' | 'mariadb'> {
  const conn = await createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    if (create) {
      const [found] = await conn.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [t.database]);
      if (!(found as unknown[]).length) {
        await conn.query(
          `CREATE DATABASE IF NOT EXISTS \`${t.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
      }
    }
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

/**
 * Applies pending migrations, or (production services, and any account that may not change the
 * schema) refuses to run against a schema they have not reached, naming what to run.
 */
const schemaBehind = (service: string, detail: string) =>
  new Error(
    `the ${service} database schema is not current (${detail}): run \`pnpm migrate\` ` +
      '(the migration job, with DB_MIGRATE_URL) before starting services or commands',
  );

async function bringSchemaCurrent(ds: DataSource, service: string, apply: boolean): Promise<void> {
  const behind = (detail: string) => schemaBehind(service, detail);
  let pending: string[];
  try {
    pending = (await new MigrationExecutor(ds).getPendingMigrations()).map((m) => m.name);
  } catch (err) {
    throw behind(`its migrations table cannot be read: ${(err as Error).message}`);
  }
  if (!pending.length) return;
  if (!apply) throw behind(`${pending.length} migration(s) pending, first ${pending[0]}`);
  try {
    await ds.runMigrations();
  } catch (err) {
    const denied = /denied/i.test((err as Error).message);
    if (denied) throw behind(`DB_URL's account may not apply ${pending[0]}: ${(err as Error).message}`);
    throw err;
  }
}

/**
 * The migration job for one service: creates its schema, applies its migrations (and the shared
 * audit ones) as the migration account, then grants `dbUrl`'s account its per-table rights.
 * Returns the names of the migrations it applied.
 */
export async function migrateSchema(opts: {
  service: string;
  migrations: ClassList;
  /** The services' account (least privilege), granted its rights; the same as migrateUrl in development. */
  dbUrl: string;
  migrateUrl: string;
  logger?: TypeOrmLogger;
}): Promise<string[]> {
  const t = mysqlTarget(opts.dbUrl, opts.service);
  const owner = { ...mysqlTarget(opts.migrateUrl, opts.service), database: t.database };
  const flavour = await serverFlavour(owner, true);
  const migrations = withAuditMigrations(opts.migrations);
  const migrator = new DataSource({
    ...mysqlOptions(flavour, [], migrations, opts.logger),
    ...mysqlNode(owner),
    poolSize: 1,
  });
  // Replicas starting together migrate one at a time; the later ones find nothing pending. The
  // lock is per server: on Galera every migration goes through the one writer node (HAProxy).
  // One pooled connection, so the lock and the migrations share a session. MariaDB takes a negative
  // wait as none, so the wait is a minute at a time.
  const lock = `${t.database}.migrate`;
  const take = async () =>
    Number(((await migrator.query('SELECT GET_LOCK(?, 60) AS got', [lock])) as { got: unknown }[])[0].got) === 1;
  await migrator.initialize();
  try {
    while (!(await take())) {
      // another job holds it: it is migrating this schema now
    }
    const applied = await migrator.runMigrations();
    const [app, own] = await Promise.all([accountOf(opts.dbUrl), accountOf(opts.migrateUrl)]);
    if (app !== own) {
      await grantServiceAccess((sql, params) => migrator.query(sql, params), t.database, app);
    }
    return applied.map((m) => m.name);
  } finally {
    await migrator.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
    await migrator.destroy();
  }
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

import { createConnection } from 'mysql2/promise';
import { APPEND_ONLY_TABLES } from './appendOnly';
import { mysqlTarget } from './mysqlTarget';

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/** `credit_app@%` (CURRENT_USER()) -> `'credit_app'@'%'`. */
export function quoteAccount(account: string): string {
  const at = account.lastIndexOf('@');
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return at < 0 ? `${q(account)}@'%'` : `${q(account.slice(0, at))}@${q(account.slice(at + 1))}`;
}

/**
 * Run by the migration account after migrations: the service account may read and write every table
 * of `schema`, but only read and append the audit tables, and never change the schema or the
 * migrations table. Grants are per table (MySQL grants add up, so a schema-wide DML grant could not
 * be narrowed for audit_log); a table a later migration adds is granted on the next start.
 */
export async function grantServiceAccess(query: Query, schema: string, account: string): Promise<void> {
  const who = quoteAccount(account);
  const rows = (await query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'`,
    [schema],
  )) as { name: string }[];
  for (const { name } of rows) {
    const on = `\`${schema}\`.\`${name}\``;
    if ((APPEND_ONLY_TABLES as readonly string[]).includes(name)) {
      await query(`GRANT SELECT, INSERT ON ${on} TO ${who}`);
      // An account granted more by hand (or an older set-up) loses it here.
      await query(`REVOKE UPDATE, DELETE ON ${on} FROM ${who}`).catch((err: { errno?: number }) => {
        if (err.errno !== 1147) throw err; // ER_NONEXISTING_TABLE_GRANT: nothing to take back
      });
    } else if (name === 'migrations') {
      await query(`GRANT SELECT ON ${on} TO ${who}`);
    } else {
      await query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${on} TO ${who}`);
    }
  }
}

/** The account a mysql:// URL logs in as, as the server names it (user@host pattern). */
export async function accountOf(dbUrl: string): Promise<string> {
  const t = mysqlTarget(dbUrl, 'x');
  const conn = await createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    const [rows] = await conn.query('SELECT CURRENT_USER() AS account');
    return (rows as { account: string }[])[0].account;
  } finally {
    await conn.end();
  }
}

export interface PlatformAccounts {
  /** Least-privilege service account: DB_URL of every service. */
  appUrl: string;
  /** Owns the schemas, runs migrations and grants the service account: DB_MIGRATE_URL. */
  migrateUrl: string;
}

/**
 * Creates (or re-keys) the two accounts of a platform on a MySQL/MariaDB server, as an
 * administrative account (`adminUrl`, e.g. root). `pnpm start` and the tests use it; compose does
 * the same in docker/mysql-init/accounts.sh.
 */
export async function ensurePlatformAccounts(opts: {
  adminUrl: string;
  appUser: string;
  appPassword: string;
  migrateUser: string;
  migratePassword: string;
}): Promise<PlatformAccounts> {
  const admin = new URL(opts.adminUrl);
  const prefix = decodeURIComponent(admin.pathname.replace(/^\//, '')) || 'credit';
  const t = mysqlTarget(opts.adminUrl, 'x');
  const conn = await createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    for (const [user, password] of [
      [opts.appUser, opts.appPassword],
      [opts.migrateUser, opts.migratePassword],
    ]) {
      await conn.query(`CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?`, [user, password]);
      await conn.query(`ALTER USER ?@'%' IDENTIFIED BY ?`, [user, password]);
    }
    // `_` is a wildcard in grant patterns: escape it so that only <prefix>_<subgraph> schemas match.
    await conn.query(`GRANT ALL PRIVILEGES ON \`${prefix.replace(/_/g, '\\_')}\\_%\`.* TO ?@'%' WITH GRANT OPTION`, [
      opts.migrateUser,
    ]);
  } finally {
    await conn.end();
  }
  const urlFor = (user: string, password: string) => {
    const u = new URL(opts.adminUrl);
    u.username = encodeURIComponent(user);
    u.password = encodeURIComponent(password);
    return u.toString();
  };
  return {
    appUrl: urlFor(opts.appUser, opts.appPassword),
    migrateUrl: urlFor(opts.migrateUser, opts.migratePassword),
  };
}

/** Drops the accounts (tests). */
export async function dropPlatformAccounts(adminUrl: string, users: string[]): Promise<void> {
  const t = mysqlTarget(adminUrl, 'x');
  const conn = await createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    for (const user of users) await conn.query(`DROP USER IF EXISTS ?@'%'`, [user]);
  } finally {
    await conn.end();
  }
}

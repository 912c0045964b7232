import { join } from 'node:path';
import {
  dropPlatformAccounts,
  EMBEDDED_AUDIT_ANCHOR_KEY,
  ensurePlatformAccounts,
  migrateSchema,
  openDatabase,
  sealAuditRows,
} from '@credit/shared';
import { dropTestSchemas, testEnv, usingMysql } from '@credit/shared/test';
import { ENTITIES, MIGRATIONS } from '@credit/entities';
import { root, runToExit } from './support';
type DataSource = Awaited<ReturnType<typeof openDatabase>>;

/**
 * Issue 27 item 2: the audit log is sealed by anchors (hash chain + HMAC), so that rows a database
 * administrator removes where no trigger fires (TRUNCATE, a dropped trigger) are found by
 * `pnpm audit:check`, which names the first missing row and exits 1. MySQL: run as the services'
 * least-privilege account, which can read and append the audit tables but never delete from them.
 */
const checkCli = join(root, 'shared/dist/audit/auditCheckCli.js');
const appendRows = async (ds: DataSource, n: number) => {
  for (let i = 0; i < n; i++) {
    await ds.query(
      `INSERT INTO audit_log (actor, role, action, subjectCode, target, requestId) VALUES (?, 'PARTNER', 'subject.read', '91520100210000754L', NULL, ?)`,
      [`partner-${i}`, `r${i}`],
    );
  }
};
const strip = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

describe(`audit anchors make a removed audit row visible (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it('an untouched log passes; deleting or truncating rows as an administrator fails naming the row', async () => {
    const env = testEnv();
    const prefix = usingMysql ? new URL(env.DB_URL!).pathname.slice(1) : '';
    const users = [`${prefix}_app`, `${prefix}_mig`];
    const open: DataSource[] = [];
    try {
      // MySQL: the production split; the service and the check hold only the least-privilege account.
      const accounts = usingMysql
        ? await ensurePlatformAccounts({
            adminUrl: env.DB_URL!,
            appUser: users[0],
            appPassword: 'app-pw-27',
            migrateUser: users[1],
            migratePassword: 'mig-pw-27',
          })
        : undefined;
      if (accounts) {
        await migrateSchema({
          service: 'entities',
          migrations: MIGRATIONS,
          dbUrl: accounts.appUrl,
          migrateUrl: accounts.migrateUrl,
        });
      }
      const serviceUrl = accounts?.appUrl;
      const openService = async () => {
        const ds = await openDatabase({
          service: 'entities',
          entities: ENTITIES,
          migrations: MIGRATIONS,
          dbUrl: serviceUrl,
          applyMigrations: !usingMysql,
          dataDir: env.DATA_DIR!,
        });
        open.push(ds);
        return ds;
      };
      const app = await openService();
      const replica = await openService(); // a second process of the same service

      await appendRows(app, 5);
      expect(await sealAuditRows(app, EMBEDDED_AUDIT_ANCHOR_KEY)).toBe(1);
      await appendRows(replica, 3);
      // Two replicas seal at once: one anchor is written, the other finds the rows already sealed.
      const raced = await Promise.all([
        sealAuditRows(app, EMBEDDED_AUDIT_ANCHOR_KEY),
        sealAuditRows(replica, EMBEDDED_AUDIT_ANCHOR_KEY),
      ]);
      expect(raced[0] + raced[1]).toBe(1);
      await appendRows(app, 2); // written after the last seal: reported, not yet verifiable

      const checkEnv = strip({ ...env, DB_URL: serviceUrl });
      const check = (...args: string[]) =>
        runToExit(checkCli, checkEnv, args).then((r) => ({ ...r, stdout: r.stdout.trim() }));
      const checkEntities = () => check('--service', 'entities');

      const clean = await checkEntities();
      expect(clean).toMatchObject({ code: 0 });
      expect(clean.stdout).toMatch(
        /^entities: ok, 2 anchor\(s\) sealing 8 row\(s\), 2 row\(s\) not sealed yet; head: row 8, digest [0-9a-f]{64}$/,
      );
      // Without --service every subgraph is checked: a missing database is a failure, never a skip.
      const everything = await check();
      expect(everything.code).toBe(1);
      expect(everything.stdout).toMatch(/^records: FAILED: its database \(and so its audit log\) is missing/m);

      if (usingMysql) {
        // The services' account cannot remove audit rows or anchors, by any statement.
        await expect(app.query(`DELETE FROM audit_log WHERE id = 3`)).rejects.toThrow(/DELETE command denied/);
        await expect(app.query(`TRUNCATE TABLE audit_log`)).rejects.toThrow(/DROP command denied/);
        await expect(app.query(`DELETE FROM audit_anchor`)).rejects.toThrow(/DELETE command denied/);
      }

      // An administrator (root; SQLite: whoever holds the file) drops the trigger and deletes row 3.
      const admin = usingMysql
        ? await openDatabase({
            service: 'entities',
            entities: ENTITIES,
            migrations: MIGRATIONS,
            dbUrl: env.DB_URL,
            dataDir: env.DATA_DIR!,
          })
        : app;
      const asAdmin = (sql: string) => admin.query(sql);
      try {
        await asAdmin('DROP TRIGGER audit_log_no_delete');
        await asAdmin('DELETE FROM audit_log WHERE id = 3');
        const deleted = await checkEntities();
        expect(deleted.code).toBe(1);
        expect(deleted.stdout).toBe('entities: FAILED: audit row 3 is missing (sealed by anchor 1)');

        // TRUNCATE (MySQL; SQLite has none, DELETE without WHERE is its equivalent) fires no trigger at all.
        await asAdmin(usingMysql ? 'TRUNCATE TABLE audit_log' : 'DELETE FROM audit_log');
        const truncated = await checkEntities();
        expect(truncated.code).toBe(1);
        expect(truncated.stdout).toBe('entities: FAILED: audit row 1 is missing (sealed by anchor 1)');
      } finally {
        if (admin !== app) await admin.destroy();
      }
    } finally {
      for (const ds of open) await ds.destroy();
      await dropTestSchemas(env);
      if (usingMysql) await dropPlatformAccounts(env.DB_URL!, users);
    }
  });
});

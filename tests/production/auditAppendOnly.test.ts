import { dropPlatformAccounts, ensurePlatformAccounts, openDatabase, type PlatformAccounts } from '@credit/shared';
import { dropTestSchemas, testEnv, usingMysql } from '@credit/shared/test';
import { ENTITIES, MIGRATIONS } from '@credit/entities';
type DataSource = Awaited<ReturnType<typeof openDatabase>>;

/**
 * Issue 13 item 1: the database itself keeps the audit trail append-only. Triggers refuse UPDATE and
 * DELETE for every account (SQLite and MySQL/MariaDB); on MySQL the services' own account has no
 * UPDATE, DELETE or DDL rights on it in the first place.
 */
const appendRow = (ds: DataSource, actor: string) =>
  ds.query(
    `INSERT INTO audit_log (actor, role, action, subjectCode, target, requestId) VALUES (?, 'PARTNER', 'subject.read', '91520100210000754L', NULL, 'r1')`,
    [actor],
  );
const rowsOf = (ds: DataSource) => ds.query(`SELECT actor FROM audit_log ORDER BY id`) as Promise<{ actor: string }[]>;

describe(`audit_log is append-only in the database (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it('a trigger refuses UPDATE and DELETE of an audit row, whoever asks', async () => {
    const env = testEnv();
    const ds = await openDatabase({
      service: 'entities',
      entities: ENTITIES,
      migrations: MIGRATIONS,
      dbUrl: env.DB_URL,
      dataDir: env.DATA_DIR!,
    });
    try {
      await appendRow(ds, 'partner-a');
      await expect(ds.query(`UPDATE audit_log SET actor = 'someone-else'`)).rejects.toThrow(
        /audit_log is append-only: rows are never updated/,
      );
      await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(
        /audit_log is append-only: rows are never deleted/,
      );
      expect(await rowsOf(ds)).toEqual([{ actor: 'partner-a' }]);
      await appendRow(ds, 'partner-b'); // appending still works
      expect(await rowsOf(ds)).toHaveLength(2);
    } finally {
      await ds.destroy();
      await dropTestSchemas(env);
    }
  });

  (usingMysql ? it : it.skip)(
    '[MySQL pass only: accounts are a MySQL notion] the service account cannot change, delete or restructure audit rows',
    async () => {
      const env = testEnv();
      const prefix = new URL(env.DB_URL!).pathname.slice(1);
      const users = [`${prefix}_app`, `${prefix}_mig`];
      let accounts: PlatformAccounts | undefined;
      const open: DataSource[] = [];
      try {
        accounts = await ensurePlatformAccounts({
          adminUrl: env.DB_URL!,
          appUser: users[0],
          appPassword: 'app-password-1',
          migrateUser: users[1],
          migratePassword: 'migrate-password-1',
        });
        const app = await openDatabase({
          service: 'entities',
          entities: ENTITIES,
          migrations: MIGRATIONS,
          dbUrl: accounts.appUrl,
          migrateUrl: accounts.migrateUrl,
          dataDir: env.DATA_DIR!,
        });
        open.push(app);
        await appendRow(app, 'partner-a');
        // The privilege system refuses first (the trigger is never reached).
        await expect(app.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/UPDATE command denied/);
        await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/DELETE command denied/);
        await expect(app.query(`DROP TRIGGER audit_log_no_update`)).rejects.toThrow(/denied/);
        await expect(app.query(`ALTER TABLE audit_log ADD COLUMN x int`)).rejects.toThrow(/denied/);
        await expect(app.query(`CREATE TABLE scratch (id int)`)).rejects.toThrow(/denied/);
        await expect(app.query(`DELETE FROM migrations`)).rejects.toThrow(/DELETE command denied/);
        // TRUNCATE needs DROP; the audit anchors are held to the same rights as the rows they seal.
        await expect(app.query(`TRUNCATE TABLE audit_log`)).rejects.toThrow(/DROP command denied/);
        await expect(app.query(`DROP TABLE audit_anchor`)).rejects.toThrow(/DROP command denied/);
        await expect(app.query(`DELETE FROM audit_anchor`)).rejects.toThrow(/DELETE command denied/);
        // What the account holds, as the server lists it: read and append on both audit tables, nothing
        // schema-wide or global (USAGE only), no DDL anywhere.
        const grants = ((await app.query(`SHOW GRANTS FOR CURRENT_USER()`)) as Record<string, string>[]).map(
          (r) => Object.values(r)[0],
        );
        const onTable = (t: string) => grants.filter((g) => g.includes(`.\`${t}\` TO`));
        for (const t of ['audit_log', 'audit_anchor']) {
          expect(onTable(t)).toEqual([expect.stringMatching(/^GRANT SELECT, INSERT ON /)]);
        }
        expect(grants.filter((g) => / ON \*\.\* TO /.test(g))).toEqual([
          expect.stringMatching(/^GRANT USAGE ON \*\.\*/),
        ]);
        expect(grants.filter((g) => /\.\* TO /.test(g) && !/ON \*\.\*/.test(g))).toEqual([]);
        expect(grants.filter((g) => /\b(DROP|ALTER|CREATE|TRIGGER|ALL PRIVILEGES)\b/.test(g))).toEqual([]);
        // Everything else stays writable: the service's ordinary tables.
        await app.query(`UPDATE subject SET name = name WHERE creditCode = 'none'`);
        await app.query(`DELETE FROM subject WHERE creditCode = 'none'`);
        expect(await rowsOf(app)).toEqual([{ actor: 'partner-a' }]);

        // The migration account has the rights, and the trigger still refuses it.
        const owner = await openDatabase({
          service: 'entities',
          entities: ENTITIES,
          migrations: MIGRATIONS,
          dbUrl: accounts.migrateUrl,
          dataDir: env.DATA_DIR!,
        });
        open.push(owner);
        await expect(owner.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
        await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
        expect(await rowsOf(owner)).toEqual([{ actor: 'partner-a' }]);
      } finally {
        for (const ds of open) await ds.destroy();
        await dropTestSchemas(env);
        await dropPlatformAccounts(env.DB_URL!, users);
      }
    },
  );
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEntitiesApp, loadEntitiesEnv, MIGRATIONS as ENTITIES_MIGRATIONS } from '@credit/entities';
import { MIGRATIONS as RECORDS_MIGRATIONS } from '@credit/records';
import { closeServer, dropPlatformAccounts, ensurePlatformAccounts, listen, migrateSchema } from '@credit/shared';
import { dropTestSchemas, testEnv, usingMysql } from '@credit/shared/test';
import { root, runToExit } from './support';

/**
 * Issue 27 item 3: the operators' commands run with production's service account (no DDL, no
 * UPDATE/DELETE on the audit tables), as the services do, once the migration job has run; they used
 * to fail with "Access denied" because opening a database tried to create its schema.
 */
const cli = (path: string) => join(root, path);

(usingMysql ? describe : describe.skip)(
  '[MySQL pass only: accounts are a MySQL notion] operators\u2019 commands under the split accounts',
  () => {
    it('import:records, records:check, stats:check, export:national and audit:check run as the service account', async () => {
      const env = testEnv();
      const prefix = new URL(env.DB_URL!).pathname.slice(1);
      const users = [`${prefix}_app`, `${prefix}_mig`];
      const accounts = await ensurePlatformAccounts({
        adminUrl: env.DB_URL!,
        appUser: users[0],
        appPassword: 'app-pw-ops',
        migrateUser: users[1],
        migratePassword: 'mig-pw-ops',
      });
      let entities: Awaited<ReturnType<typeof createEntitiesApp>> | undefined;
      try {
        for (const [service, migrations] of [
          ['entities', ENTITIES_MIGRATIONS],
          ['records', RECORDS_MIGRATIONS],
        ] as const) {
          await migrateSchema({ service, migrations, dbUrl: accounts.appUrl, migrateUrl: accounts.migrateUrl });
        }
        // The entities service (demo register: unit GZ-D07) as the service account; the import asks it.
        entities = await createEntitiesApp(loadEntitiesEnv({ ...env, DB_URL: accounts.appUrl, SEED_DEMO: 'true' }));
        const port = await listen(entities.http, 0, '127.0.0.1');
        const ops: Record<string, string> = {
          DB_URL: accounts.appUrl,
          DATA_DIR: env.DATA_DIR!,
          CACHE_PREFIX: env.CACHE_PREFIX!,
          LOG_LEVEL: 'silent',
          ENTITIES_URL: `http://127.0.0.1:${port}/graphql`,
        };
        const file = join(env.DATA_DIR!, 'unit.csv');
        const importCli = cli('subgraphs/records/dist/import/importCli.js');
        const generated = await runToExit(importCli, ops, ['--generate', '30', '--file', file, '--domains', 'D07']);
        expect(generated).toMatchObject({ code: 0 });

        const imported = await runToExit(importCli, ops, ['--unit', 'GZ-D07', '--file', file]);
        expect({ code: imported.code, stderr: imported.stderr }).toEqual({
          code: 0,
          stderr: expect.not.stringMatching(/denied/i),
        });
        expect(imported.stdout).toMatch(/^imported .* for GZ-D07 \(mariadb|mysql/);

        const recordsCheck = await runToExit(cli('subgraphs/records/dist/maintenance/checkCli.js'), ops, [
          'duplicates',
        ]);
        expect({ code: recordsCheck.code, stderr: recordsCheck.stderr }).toEqual({ code: 0, stderr: '' });
        const stats = await runToExit(cli('subgraphs/records/dist/aggregates/statsCli.js'), ops, ['check']);
        expect(stats.code).toBe(0);
        expect(stats.stdout).toContain('agree');

        const out = join(env.DATA_DIR!, 'national.jsonl');
        const exported = await runToExit(cli('subgraphs/entities/dist/nationalFeed/exportCli.js'), ops, ['--out', out]);
        expect({ code: exported.code, stderr: exported.stderr }).toEqual({
          code: 0,
          stderr: expect.not.stringMatching(/denied/i),
        });
        expect(exported.stdout).toMatch(/^wrote (\d+) out-of-province subject\(s\)/);
        const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
        expect(exported.stdout).toContain(`wrote ${lines.length} out-of-province`);

        const audit = await runToExit(cli('shared/dist/audit/auditCheckCli.js'), ops, [
          '--service',
          'entities,records',
        ]);
        expect(audit.code).toBe(0);
        expect(audit.stdout).toMatch(/^entities: ok,[^\n]*\nrecords: ok,/);
      } finally {
        if (entities) {
          await closeServer(entities.http);
          await entities.shutdown();
        }
        await dropTestSchemas(env);
        await dropPlatformAccounts(env.DB_URL!, users);
      }
    });
  },
);

import { dropPlatformAccounts, ensurePlatformAccounts } from '@credit/shared';
import { dropTestSchemas, testEnv, usingMysql } from '@credit/shared/test';
import { join } from 'node:path';
import {
  freePort,
  identityProvider,
  mainOf,
  root,
  runToExit,
  spawnService,
  stopProcess,
  waitForStatus,
} from './support';

/**
 * Starts the services' real main processes with NODE_ENV=production: a missing or bad variable stops
 * the start with exit code 1 and a message naming it, before anything is opened.
 */
const idp = identityProvider();
const unreachableDb = 'mysql://svc:x@127.0.0.1:1/credit';
const unreachableMigrate = 'mysql://migrate:x@127.0.0.1:1/credit';
const anchorKey = 'audit-anchor-key-of-this-test-0123456789';

describe('production start refuses unsafe configuration', () => {
  it('names every missing variable at once (records: key, database, SERVICE_TOKEN)', async () => {
    const r = await runToExit(mainOf('records'), { NODE_ENV: 'production' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('records: failed to start: invalid environment');
    for (const name of ['JWT_PUBLIC_KEY_FILE', 'DB_URL', 'SERVICE_TOKEN']) expect(r.stderr).toContain(`${name}:`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
  });

  it('refuses SEED_DEMO=true in production (entities, records, objections)', async () => {
    const services = ['entities', 'records', 'objections'];
    const runs = await Promise.all(
      services.map(async (service) =>
        runToExit(mainOf(service), {
          NODE_ENV: 'production',
          JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
          DB_URL: unreachableDb,
          SERVICE_TOKEN: await idp.sign({ role: 'SERVICE', service }),
          SEED_DEMO: 'true',
        }),
      ),
    );
    runs.forEach((r, i) => {
      expect({ service: services[i], code: r.code }).toEqual({ service: services[i], code: 1 });
      expect(r.stderr).toMatch(/SEED_DEMO: demo data .* must never reach production/);
    });
  });

  it('refuses a SERVICE_TOKEN the platform keys do not accept, or of another role', async () => {
    const foreign = identityProvider();
    const base = {
      NODE_ENV: 'production',
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      DB_URL: unreachableDb,
      AUDIT_ANCHOR_KEY: anchorKey,
    };
    const [forged, leadToken, expired] = await Promise.all([
      runToExit(mainOf('objections'), {
        ...base,
        SERVICE_TOKEN: await foreign.sign({ role: 'SERVICE', service: 'objections' }),
      }),
      runToExit(mainOf('objections'), { ...base, SERVICE_TOKEN: await idp.sign({ role: 'LEAD_DEPARTMENT' }) }),
      runToExit(mainOf('objections'), {
        ...base,
        SERVICE_TOKEN: await idp.sign({ role: 'SERVICE', service: 'objections' }, Math.floor(Date.now() / 1000) - 60),
      }),
    ]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/SERVICE_TOKEN: is not accepted by this platform's token keys \(.*signature/);
    expect(leadToken.code).toBe(1);
    expect(leadToken.stderr).toContain('SERVICE_TOKEN: is a LEAD_DEPARTMENT token, not a SERVICE token');
    expect(expired.code).toBe(1);
    expect(expired.stderr).toMatch(/SERVICE_TOKEN: .*expired/);
  });

  it('refuses the migration account in any service, the gateway included, naming the variable only', async () => {
    const base = { NODE_ENV: 'production', JWT_PUBLIC_KEY_FILE: idp.publicKeyFile, DB_URL: unreachableDb };
    const [gateway, entities] = await Promise.all([
      runToExit(mainOf('gateway'), { ...base, DB_MIGRATE_URL: unreachableMigrate }),
      runToExit(mainOf('entities'), { ...base, DB_MIGRATE_URL: unreachableMigrate, AUDIT_ANCHOR_KEY: anchorKey }),
    ]);
    for (const r of [gateway, entities]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/DB_MIGRATE_URL: a service must not hold the migration account: run `pnpm migrate`/);
      expect(r.stderr).not.toContain(unreachableMigrate);
    }
  });

  it('refuses a subgraph without its audit anchor key', async () => {
    const r = await runToExit(mainOf('entities'), {
      NODE_ENV: 'production',
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      DB_URL: unreachableDb,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AUDIT_ANCHOR_KEY: production needs its own key to sign the audit anchors');
  });

  // Production refuses SQLite, so a start that gets past configuration needs the MySQL pass.
  (usingMysql ? it : it.skip)(
    '[MySQL pass only: production refuses SQLite] a complete production start (least-privilege account) is ready, seeds nothing and listens on loopback',
    async () => {
      const env = testEnv();
      const prefix = new URL(env.DB_URL!).pathname.slice(1);
      const users = [`${prefix}_app`, `${prefix}_mig`];
      const accounts = await ensurePlatformAccounts({
        adminUrl: env.DB_URL!,
        appUser: users[0],
        appPassword: 'app-pw',
        migrateUser: users[1],
        migratePassword: 'migrate-pw',
      });
      const port = await freePort();
      const serviceEnv = {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
        DB_URL: accounts.appUrl,
        AUDIT_ANCHOR_KEY: anchorKey,
        ENTITIES_PORT: String(port),
        CACHE_PREFIX: env.CACHE_PREFIX!,
      };
      // Before the migration job: the service cannot (and does not try to) create its schema.
      const early = await runToExit(mainOf('entities'), serviceEnv);
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/entities: failed to start: .*run `pnpm migrate`/);
      // The migration job (what `pnpm migrate` and the compose `migrate` service run), then the service.
      const job = await runToExit(join(root, 'subgraphs/entities/dist/migrate.js'), {
        NODE_ENV: 'production',
        DB_URL: accounts.appUrl,
        DB_MIGRATE_URL: accounts.migrateUrl,
      });
      expect(job).toMatchObject({ code: 0 });
      expect(job.stdout).toMatch(/^entities: applied .*AuditAnchors1796958000000; DB_URL's account granted its rights/);
      const child = spawnService(mainOf('entities'), serviceEnv);
      try {
        await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200, child, child.output);
        const lead = await idp.sign({ role: 'LEAD_DEPARTMENT' });
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${lead}` },
          body: JSON.stringify({ query: '{ subjects(first: 5) { edges { node { creditCode } } } domains { code } }' }),
        });
        const body = (await res.json()) as { data: { subjects: { edges: unknown[] }; domains: unknown[] } };
        expect(body.data.subjects.edges).toEqual([]); // no demo subjects
        expect(body.data.domains.length).toBe(43); // the catalogue is reference data, always loaded
        expect(child.output()).toContain('"host":"127.0.0.1"');
      } finally {
        await stopProcess(child);
        await dropTestSchemas(env);
        await dropPlatformAccounts(env.DB_URL!, users);
      }
    },
  );
});

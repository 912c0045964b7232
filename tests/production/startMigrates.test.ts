import { readFileSync } from 'node:fs';
import { usingMysql } from '@credit/shared/test';
import { startPlatformProcesses } from '../faults/support';

/**
 * Issue 27 item 1: `pnpm start` stays one command, runs the migrations itself first, then spawns
 * the five processes without the migration account: none of them, the gateway least of all, has
 * DB_MIGRATE_URL in its environment (read from /proc, as an intruder on the host would).
 */
const environOf = (pid: number): Record<string, string> =>
  Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );

describe(`pnpm start keeps the migration account to itself (${usingMysql ? 'MariaDB + Redis' : 'SQLite + memory'})`, () => {
  it('no service process holds DB_MIGRATE_URL; on MySQL they run as the least-privilege account', async () => {
    // SQLite: even a DB_MIGRATE_URL the operator left in the environment is not passed on.
    const platform = await startPlatformProcesses(
      usingMysql ? {} : { DB_MIGRATE_URL: 'mysql://migrate:left-over@127.0.0.1:1/unused' },
    );
    try {
      expect(Object.keys(platform.pids)).toEqual(['entities', 'records', 'reports', 'objections', 'gateway']);
      for (const [name, pid] of Object.entries(platform.pids)) {
        const env = environOf(pid);
        expect({ name, migrate: env.DB_MIGRATE_URL }).toEqual({ name, migrate: undefined });
        if (usingMysql)
          expect({ name, user: new URL(env.DB_URL).username }).toEqual({ name, user: expect.stringMatching(/_app$/) });
      }
    } finally {
      await platform.cleanUp();
    }
  });
});

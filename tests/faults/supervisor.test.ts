import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPlatformAccounts } from '@credit/shared';
import { dropTestSchemas, testEnv, tokenFor, usingMysql } from '@credit/shared/test';
import { freePort, root } from '../production/support';

/**
 * Issue 13 items 6 and 9: under `pnpm start` (scripts/dist/start.js) a subgraph or the gateway killed
 * with SIGKILL is restarted by the supervisor and the platform answers again without anyone restarting
 * it; Ctrl-C (SIGINT) still stops every process. Prints the time to recover.
 */
const RECORDS_QUERY = '{ recordStatistics { __typename } }';

async function ask(gatewayUrl: string, token: string) {
  try {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: RECORDS_QUERY }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return { ok: !body.errors && Boolean(body.data), codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  } catch {
    return { ok: false, codes: ['(connection refused)'] };
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe(`supervisor under pnpm start (${usingMysql ? 'MariaDB + Redis' : 'SQLite + memory'})`, () => {
  it('restarts a killed subgraph and a killed gateway; Ctrl-C stops everything', async () => {
    const base = testEnv();
    const ports = await Promise.all(Array.from({ length: 5 }, freePort));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'credit-supervised-')),
      CACHE_PREFIX: base.CACHE_PREFIX!,
      GATEWAY_PORT: String(ports[0]),
      ENTITIES_PORT: String(ports[1]),
      RECORDS_PORT: String(ports[2]),
      REPORTS_PORT: String(ports[3]),
      OBJECTIONS_PORT: String(ports[4]),
      ...(base.DB_URL ? { DB_URL: base.DB_URL } : {}),
      ...(base.REDIS_URL ? { REDIS_URL: base.REDIS_URL } : {}),
    };
    const platform = spawn(process.execPath, ['scripts/dist/start.js'], { cwd: root, env });
    let output = '';
    platform.stdout.on('data', (c: Buffer) => (output += c.toString()));
    platform.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => platform.once('exit', (code) => r(code)));
    const until = async (what: () => boolean | Promise<boolean>) => {
      while (!(await what())) {
        if (platform.exitCode !== null) throw new Error(`pnpm start exited ${platform.exitCode}:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const gatewayUrl = `http://127.0.0.1:${ports[0]}/graphql`;
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' }, '2h');
    try {
      await until(() => output.includes('Ctrl-C stops every process'));
      const pids = Object.fromEntries(
        /Processes: (.*)/
          .exec(output)![1]
          .split(', ')
          .map((x) => x.split(' '))
          .map(([n, pid]) => [n, Number(pid)]),
      ) as Record<string, number>;
      expect(Object.keys(pids)).toEqual(['entities', 'records', 'reports', 'objections', 'gateway']);
      expect((await ask(gatewayUrl, lead)).ok).toBe(true);

      for (const victim of ['records', 'gateway']) {
        const codes = new Set<string | undefined>();
        const killedAt = Date.now();
        process.kill(pids[victim], 'SIGKILL');
        await until(async () => {
          const r = await ask(gatewayUrl, lead);
          r.codes.forEach((c) => codes.add(c));
          return r.ok;
        });
        const seconds = (Date.now() - killedAt) / 1000;
        console.log(`${victim} killed with SIGKILL: platform answered again after ${seconds.toFixed(1)} s`);
        expect(output).toMatch(new RegExp(`${victim} exited \\(SIGKILL\\); restart 1 in`));
        // While it was down, callers got coded errors (or no connection, for the gateway itself), never raw ones.
        expect([...codes].every((c) => typeof c === 'string')).toBe(true);
        await until(() => new RegExp(`${victim} is back \\(pid \\d+\\)`).test(output));
        pids[victim] = Number(new RegExp(`${victim} is back \\(pid (\\d+)\\)`).exec(output)![1]);
        expect(alive(pids[victim])).toBe(true);
      }

      platform.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const [name, pid] of Object.entries(pids))
        expect({ name, alive: alive(pid) }).toEqual({ name, alive: false });
    } finally {
      if (platform.exitCode === null) {
        platform.kill('SIGINT');
        await exited;
      }
      await dropTestSchemas(base);
      if (base.DB_URL) {
        const prefix = new URL(base.DB_URL).pathname.slice(1).slice(0, 23);
        await dropPlatformAccounts(base.DB_URL, [`${prefix}_app`, `${prefix}_migrate`]);
      }
    }
  });
});

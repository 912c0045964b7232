import { tokenFor, usingMysql } from '@credit/shared/test';
import { alive, startPlatformProcesses } from './support';

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

describe(`supervisor under pnpm start (${usingMysql ? 'MariaDB + Redis' : 'SQLite + memory'})`, () => {
  it('restarts a killed subgraph and a killed gateway; Ctrl-C stops everything', async () => {
    const platform = await startPlatformProcesses();
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' }, '2h');
    try {
      expect(Object.keys(platform.pids)).toEqual(['entities', 'records', 'reports', 'objections', 'gateway']);
      expect((await ask(platform.gatewayUrl, lead)).ok).toBe(true);

      for (const victim of ['records', 'gateway']) {
        const codes = new Set<string | undefined>();
        const killedAt = Date.now();
        const back = platform.backAgain(victim);
        process.kill(platform.pids[victim], 'SIGKILL');
        await platform.until(async () => {
          const r = await ask(platform.gatewayUrl, lead);
          r.codes.forEach((c) => codes.add(c));
          return r.ok;
        });
        const seconds = (Date.now() - killedAt) / 1000;
        console.log(`${victim} killed with SIGKILL: platform answered again after ${seconds.toFixed(1)} s`);
        expect(platform.output()).toMatch(new RegExp(`${victim} exited \\(SIGKILL\\); restart 1 in`));
        // While it was down, callers got coded errors (or no connection, for the gateway itself), never raw ones.
        expect([...codes].every((c) => typeof c === 'string')).toBe(true);
        expect(alive(await back)).toBe(true);
      }

      const pids = { ...platform.pids };
      expect(await platform.interrupt()).toBe(0);
      for (const [name, pid] of Object.entries(pids))
        expect({ name, alive: alive(pid) }).toEqual({ name, alive: false });
    } finally {
      await platform.cleanUp();
    }
  });
});

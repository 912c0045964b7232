import { execFile, execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '@credit/entities';
import { AuditEntry } from '@credit/shared';
import { startApp, tokenFor, usingMysql } from '@credit/shared/test';
import { openRecordsDatabase } from '../src/entities';
import { loadRecordsEnv } from '../src/env';
import { writeSampleCsv } from '../src/import/sampleCsv';
import { RecordEntity } from '../src/record/record.entity';
import { SubmissionEntity } from '../src/submission/submission.entity';

// The command as operators run it (`pnpm import:records` runs the build): built first when stale.
const root = resolve(__dirname, '../../..');
const cli = join(root, 'subgraphs/records/dist/import/importCli.js');
const run = promisify(execFile);

type Started = Awaited<ReturnType<typeof startApp<EntitiesApp>>>;
let ours: Started;
let theirs: Started;
const portOf = (s: Started) => new URL(s.url).port;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts/buildIfStale.js')], { cwd: root, stdio: 'ignore' });
  // Two platforms, both seeded with the demo register (so both know unit GZ-D07 and domain D07):
  // only the platform identity tells them apart.
  ours = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)), { SEED_DEMO: 'true' });
  theirs = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)), { SEED_DEMO: 'true' });
}, 180_000);
afterAll(async () => {
  await theirs?.stop();
  await ours?.stop();
});

/** Runs the import command in our platform's environment (DB_URL or DATA_DIR), with `extra` on top. */
async function importCommand(file: string, extra: Record<string, string>) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [k, v] of Object.entries({ ...ours.env, SEED_DEMO: 'false', ...extra })) if (v !== undefined) env[k] = v;
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, '--unit', 'GZ-D07', '--file', file], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function writtenByImport() {
  const db = await openRecordsDatabase(loadRecordsEnv(ours.env));
  try {
    return {
      records: await db.getRepository(RecordEntity).countBy({ sourceUnitCode: 'GZ-D07' }),
      submissions: await db.getRepository(SubmissionEntity).countBy({ sourceUnitCode: 'GZ-D07' }),
      audit: await db.getRepository(AuditEntry).count(),
    };
  } finally {
    await db.destroy();
  }
}

describe(`the import command finds its platform's entities on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('reads ENTITIES_PORT as the services do, when ENTITIES_URL is unset', () => {
    expect(loadRecordsEnv({ ENTITIES_PORT: '4711' }).ENTITIES_URL).toBe('http://127.0.0.1:4711/graphql');
    expect(loadRecordsEnv({ ENTITIES_PORT: '4711', ENTITIES_URL: 'http://e:1/graphql' }).ENTITIES_URL).toBe(
      'http://e:1/graphql',
    );
  });

  it("refuses another platform's register with a clear message and writes nothing", async () => {
    const file = join(ours.env.DATA_DIR!, 'wrong-platform.csv');
    await writeSampleCsv(file, { rows: 20, domainCode: 'D07', tag: `wp${Date.now().toString(36)}` });
    const r = await importCommand(file, { ENTITIES_PORT: portOf(theirs) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `the entities service at http://127.0.0.1:${portOf(theirs)}/graphql belongs to another platform than the database this command writes to`,
    );
    expect(r.stderr).toContain('point ENTITIES_URL (or ENTITIES_PORT) at this platform');
    expect(r.stdout).toBe('');
    expect(await writtenByImport()).toEqual({ records: 0, submissions: 0, audit: 0 });
  }, 120_000);

  it('imports through the entities that ENTITIES_PORT names when it is the platform’s own', async () => {
    const file = join(ours.env.DATA_DIR!, 'own-platform.csv');
    await writeSampleCsv(file, { rows: 20, domainCode: 'D07', tag: `op${Date.now().toString(36)}` });
    const r = await importCommand(file, { ENTITIES_PORT: portOf(ours) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created {4}20\n/);
    const written = await writtenByImport();
    expect(written.records).toBe(20);
    // One submission per writer's batch (MySQL overlaps two writers).
    expect(written.submissions).toBeGreaterThan(0);
  }, 120_000);

  it('tells its platform to SERVICE callers only', async () => {
    const at = new URL('/health/platform', ours.url);
    expect((await fetch(at)).status).toBe(401);
    const subject = await tokenFor({ role: 'SUBJECT', creditCode: '91520000214434146R' });
    expect((await fetch(at, { headers: { authorization: `Bearer ${subject}` } })).status).toBe(403);
    const service = await tokenFor({ role: 'SERVICE', service: 'records' });
    const answer = async (s: Started) =>
      (
        await fetch(new URL('/health/platform', s.url), { headers: { authorization: `Bearer ${service}` } })
      ).json() as Promise<{
        service: string;
        platform: string;
      }>;
    const [a, b] = [await answer(ours), await answer(theirs)];
    expect(a).toEqual({ service: 'entities', platform: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b.platform).not.toBe(a.platform);
  });

  it('refuses an address where no entities service answers, naming it', async () => {
    const file = join(ours.env.DATA_DIR!, 'nobody.csv');
    await writeSampleCsv(file, { rows: 1, domainCode: 'D07', tag: 'nobody' });
    const r = await importCommand(file, { ENTITIES_URL: 'http://127.0.0.1:9/graphql' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no entities service answers at http://127.0.0.1:9/graphql');
  }, 120_000);
});

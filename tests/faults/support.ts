import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPlatformAccounts, makeCreditCode } from '@credit/shared';
import { dropTestSchemas, testEnv } from '@credit/shared/test';
import { freePort, root } from '../production/support';

export interface StartedPlatform {
  gatewayUrl: string;
  process: ChildProcess;
  output(): string;
  /** Process ids printed by `pnpm start` (updated by `backAgain`). */
  pids: Record<string, number>;
  /** Resolves when `what` holds; fails as soon as `pnpm start` exits. No wall-clock limit. */
  until(what: () => boolean | Promise<boolean>): Promise<void>;
  /** Waits for the supervisor's "<name> is back (pid N)" line and records the new pid. */
  backAgain(name: string): Promise<number>;
  /** SIGINT, as Ctrl-C: resolves with the exit code. */
  interrupt(): Promise<number | null>;
  /** Stops it if still running, drops its MySQL schemas and accounts. */
  cleanUp(): Promise<void>;
}

/** Runs `pnpm start` (scripts/dist/start.js) on free ports in the test's mode (SQLite, or MariaDB + Redis). */
export async function startPlatformProcesses(extra: Record<string, string> = {}): Promise<StartedPlatform> {
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
    ...extra,
  };
  const child = spawn(process.execPath, ['scripts/dist/start.js'], { cwd: root, env });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const until = async (what: () => boolean | Promise<boolean>) => {
    while (!(await what())) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited ${child.exitCode}:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const started: StartedPlatform = {
    gatewayUrl: `http://127.0.0.1:${ports[0]}/graphql`,
    process: child,
    output: () => output,
    pids: {},
    until,
    backAgain(name) {
      const seen = (output.match(new RegExp(`${name} is back \\(pid \\d+\\)`, 'g')) ?? []).length;
      const back = until(
        () => (output.match(new RegExp(`${name} is back \\(pid \\d+\\)`, 'g')) ?? []).length > seen,
      ).then(() => {
        const all = [...output.matchAll(new RegExp(`${name} is back \\(pid (\\d+)\\)`, 'g'))];
        started.pids[name] = Number(all.at(-1)![1]);
        return started.pids[name];
      });
      // A test that fails before awaiting it must not leave an unhandled rejection behind.
      back.catch(() => undefined);
      return back;
    },
    async interrupt() {
      child.kill('SIGINT');
      return exited;
    },
    async cleanUp() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await exited;
      }
      await dropTestSchemas(base);
      if (base.DB_URL) {
        const prefix = new URL(base.DB_URL).pathname.slice(1).slice(0, 23);
        await dropPlatformAccounts(base.DB_URL, [`${prefix}_app`, `${prefix}_migrate`]);
      }
    },
  };
  try {
    await until(() => output.includes('Ctrl-C stops every process'));
  } catch (err) {
    await started.cleanUp();
    throw err;
  }
  for (const [name, pid] of /Processes: (.*)/
    .exec(output)![1]
    .split(', ')
    .map((x) => x.split(' '))) {
    started.pids[name] = Number(pid);
  }
  return started;
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A unit GZ-D07 record (a 1000 元 fine for false advertising) as submitRecords takes it. */
export const penaltyInput = (decisionNumber: string, subject: { creditCode: string; name: string }) => ({
  decisionNumber,
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode: subject.creditCode,
  subjectName: subject.name,
  violationType: '虚假广告',
  facts: '经查属实',
  legalBasis: '《广告法》第五十五条',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款1000元',
  fineAmount: '1000',
  decisionDate: '2025-03-01',
  decidingAuthority: '贵州省市场监督管理局',
  decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
  regionCode: '520100',
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCreditCode } from '@credit/shared';
import { gql, mysqlConnection, tokenFor } from '@credit/shared/test';

/**
 * The cluster `pnpm cluster:start` runs (scripts/cluster/start.sh): these suites talk to it only
 * through its gateway URL, its HAProxy writer and its processes' pid files, never in-process.
 */
export const CLUSTER = {
  gatewayUrl: process.env.CLUSTER_GATEWAY_URL ?? '',
  dir: process.env.CLUSTER_DIR ?? '',
  adminUrl: process.env.CLUSTER_DB_ADMIN_URL ?? '',
  prefix: process.env.CLUSTER_DB_PREFIX ?? 'credit',
};
export const onCluster = Boolean(CLUSTER.gatewayUrl && CLUSTER.dir && CLUSTER.adminUrl);
export const SKIP_NOTE = '[cluster pass only: pnpm cluster:start, then CLUSTER_GATEWAY_URL etc. from .cluster/env]';

/** Root on the HAProxy writer (port 3320): whichever Galera node takes writes now. */
export async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = await mysqlConnection({ DB_URL: CLUSTER.adminUrl });
  try {
    const [r] = await c.query(sql, params);
    return r as T[];
  } finally {
    await c.end();
  }
}

export const schema = (service: string) => `\`${CLUSTER.prefix}_${service}\``;

/** HAProxy's per-server counters: `stot` sessions served, `status` UP/DOWN. */
export async function haproxyStats(): Promise<Record<string, { status: string; stot: number }>> {
  const csv = await (await fetch('http://127.0.0.1:5199/;csv')).text();
  const [head, ...lines] = csv.trim().split('\n');
  const cols = head.replace(/^# /, '').split(',');
  const out: Record<string, { status: string; stot: number }> = {};
  for (const line of lines) {
    const v = line.split(',');
    const r = Object.fromEntries(cols.map((c, i) => [c, v[i]]));
    out[`${r.pxname}/${r.svname}`] = { status: r.status, stot: Number(r.stot) };
  }
  return out;
}

/** Runs scripts/cluster/node.sh (kill -9 / restart one Galera node, Redis node or service replica). */
export function clusterNode(...args: string[]): string {
  return execFileSync('bash', [join(__dirname, '../../scripts/cluster/node.sh'), ...args], {
    env: { ...process.env, CLUSTER_DIR: CLUSTER.dir },
    encoding: 'utf8',
  }).trim();
}

/** Pids of replica A's services, as its supervisor printed them (latest restart wins). */
export function replicaPids(replica: 'a' | 'b'): Record<string, number> {
  const log = readFileSync(join(CLUSTER.dir, 'logs', `platform-${replica}.log`), 'utf8');
  const pids: Record<string, number> = {};
  for (const [name, pid] of /Processes: (.*)/
    .exec(log)![1]
    .split(', ')
    .map((x) => x.split(' '))) {
    pids[name] = Number(pid);
  }
  for (const m of log.matchAll(/(\w+) is back \(pid (\d+)\)/g)) pids[m[1]] = Number(m[2]);
  return pids;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const lead = () => tokenFor({ role: 'LEAD_DEPARTMENT' });
export const unitToken = () => tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });

/** A fresh subject (one per test run, told apart by pid and time) upserted through the gateway. */
export async function freshSubject(tag: string, n: number) {
  const subject = {
    creditCode: makeCreditCode('91', '520100', 70_000_000 + ((process.pid * 97 + Date.now() + n) % 9_000_000)),
    kind: 'ENTERPRISE',
    name: `贵阳集群${tag}测试有限公司`,
    regionCode: '520100',
    status: 'ACTIVE',
  };
  const up = await gql(
    CLUSTER.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created updated } }',
    { s: [subject] },
    await lead(),
  );
  if (up.errors) throw new Error(`upsertSubjects: ${JSON.stringify(up.errors)}`);
  return subject;
}

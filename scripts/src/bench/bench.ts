import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { authConfigFromEnv, demoSourceUnits, parseEnv, signEmbeddedToken, type TokenClaims } from '@credit/shared';
import { percentile, runLoad, type LoadResult, type LoadTarget } from './loadRunner';
import { probeSubjects } from './probeCohort';
import {
  startGrafbase,
  startHiveGateway,
  startOurGatewayUncached,
  startPlainGateway,
  supergraphFor,
  type Peer,
} from './peers';
import { CpuProbe, procAvailable } from './processCpu';
import {
  markdownTable,
  peerComparisons,
  peerComparisonTable,
  targetVerdicts,
  UNIQUE_MIX,
  UNIQUE_PORTAL,
  UNIQUE_VERIFY,
  verdictTable,
} from './targets';
import { collectPools, dashboardPages, leadMix, manyVerifications, portalMix, subjectHistories } from './uniqueTraffic';

const root = resolve(__dirname, '../../..');

/**
 * `pnpm bench [--duration 10] [--connections 50] [--rounds 2] [--smoke] [--no-peers] [--only …]` against a
 * platform started with `pnpm start` (same environment). Load comes from this process; the gateways
 * and subgraphs run in their own, and their CPU time is read from /proc during each run. Prints a
 * table, the issue's targets met or not, and writes bench-results/latest.json.
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const smoke = flag('smoke');
const duration = opt('duration', smoke ? 2 : 10);
const connections = opt('connections', smoke ? 4 : 50);
const lowConnections = opt('low-connections', smoke ? 2 : 10);
const withPeers = !flag('no-peers') && !smoke;
/**
 * Unique-traffic scenarios run every target this many times, in a rotated order, and merge the
 * rounds: on a shared machine the load of others drifts, and whoever runs first meets the coldest
 * caches; alternating spreads both over every target.
 */
const rounds = Math.max(1, opt('rounds', smoke ? 1 : 2));
/** The peers listen on this port and the next tens (plain, +10 Hive, +20 ours uncached, +30 Hive Rust, +40 Grafbase). */
const peerPorts = opt('peer-ports', 4600);
/**
 * `--baseline-ports 4900`: another build of the platform (the commit a change starts from) already
 * running there, gateway on that port and entities, records, reports, objections on the next four,
 * against the same database. Every unique-traffic scenario and issuance then alternate between it and
 * ours in the same run (A/B), each with its own processes' CPU.
 */
const baselinePorts = opt('baseline-ports', 0);
const baselineLabelArg = args.indexOf('--baseline-label');
const baselineLabel = `ours at ${baselineLabelArg >= 0 ? args[baselineLabelArg + 1] : 'baseline'}`;
const onlyArg = args.indexOf('--only');
/** `--only unique,verify`: run just these scenario groups (unique, history, probe, list, verify, issue, submit, dashboard). */
const only = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : null;
const want = (group: string) => only === null || only.has(group);

const env = parseEnv({}, process.env);
const auth = authConfigFromEnv(env);
const port = (v: string | undefined, d: number) => Number(v ?? d);
const GATEWAY = `http://127.0.0.1:${port(process.env.GATEWAY_PORT, 4000)}/graphql`;
const SUBGRAPHS: Record<string, string> = {
  entities: `http://127.0.0.1:${port(process.env.ENTITIES_PORT, 4001)}/graphql`,
  records: `http://127.0.0.1:${port(process.env.RECORDS_PORT, 4002)}/graphql`,
  reports: `http://127.0.0.1:${port(process.env.REPORTS_PORT, 4003)}/graphql`,
  objections: `http://127.0.0.1:${port(process.env.OBJECTIONS_PORT, 4004)}/graphql`,
};

const token = (c: TokenClaims) => signEmbeddedToken(c, auth, '2h');

const urlPort = (url: string | undefined, fallback: number) => {
  try {
    return url ? Number(new URL(url).port) || fallback : undefined;
  } catch {
    return undefined;
  }
};
/** CPU of every process behind the platform, by the port it listens on (see processCpu.ts). */
const gatewayProbe = CpuProbe.onPort('gateway', port(process.env.GATEWAY_PORT, 4000));
const serviceProbes = [
  ...Object.entries(SUBGRAPHS).map(([name, url]) => CpuProbe.onPort(name, Number(new URL(url).port))),
  ...(env.DB_URL ? [CpuProbe.onPort('mysql', urlPort(env.DB_URL, 3306)!)] : []),
  ...(env.REDIS_URL ? [CpuProbe.onPort('redis', urlPort(env.REDIS_URL, 6379)!)] : []),
].filter((p): p is CpuProbe => p !== undefined);
const sharedServiceProbes = serviceProbes.filter((p) => p.name === 'mysql' || p.name === 'redis');

interface Platform {
  name: string;
  url: string;
  gateway?: CpuProbe;
  /** The processes behind that gateway (its subgraphs and the shared database and cache). */
  services: CpuProbe[];
}
const baseline: Platform | undefined = baselinePorts
  ? {
      name: baselineLabel,
      url: `http://127.0.0.1:${baselinePorts}/graphql`,
      gateway: CpuProbe.onPort('gateway', baselinePorts),
      services: [
        ...Object.keys(SUBGRAPHS).map((name, k) => CpuProbe.onPort(name, baselinePorts + 1 + k)),
        ...sharedServiceProbes,
      ].filter((p): p is CpuProbe => p !== undefined),
    }
  : undefined;

async function gql(url: string, query: string, variables: Record<string, unknown>, bearer?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${body.errors[0].message}`);
  return body.data;
}

async function sqlTotal(): Promise<number> {
  let total = 0;
  for (const url of Object.values(SUBGRAPHS)) {
    const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    const m = /^db_statements_total\{[^}]*\} (\d+)/m.exec(text);
    total += m ? Number(m[1]) : 0;
  }
  return total;
}

const HISTORY = `query History($code: String!) { subject(creditCode: $code) { name
  recordSummary { records repaired domains { domainCode records repaired } }
  records(first: 20) { edges { node { id domainCode category decisionDate status } } } } }`;
const HISTORY_DIRECT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject {
  recordSummary { records repaired domains { domainCode records repaired } }
  records(first: 20) { edges { node { id domainCode category decisionDate status } } } } } }`;
const LIST = `query List { subjects(first: 50) { edges { node { creditCode name recordSummary { records repaired } } } } }`;
const VERIFY = `query Verify($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic status } }`;
const ISSUE = `mutation Issue($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }`;
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** The four dashboard queries of issue 18, each a scan of the records table before the tallies. */
const DASHBOARDS: { name: string; role: 'ANALYST' | 'LEAD_DEPARTMENT'; query: string }[] = [
  {
    name: 'statistics, 4 dims',
    role: 'ANALYST',
    query: `{ recordStatistics(from: "2020-01-01", to: "${today}") { records repaired byDomain { key records repaired } byRegion { key records } byCategory { key records } byMonth { key records } } }`,
  },
  {
    name: 'statistics, default, byMonth',
    role: 'ANALYST',
    query: `{ recordStatistics { records byMonth { key records repaired } } }`,
  },
  {
    name: 'recordQuality',
    role: 'LEAD_DEPARTMENT',
    query: `{ recordQuality(from: "2025-01-01", to: "${today}") { unitCode batches rowsSubmitted rejected rejectionRate rejectedByReason { reason rows } newRecords lagMedianDays lagP90Days lateRows } }`,
  },
  {
    name: 'recordQualityWarnings',
    role: 'LEAD_DEPARTMENT',
    query: `{ recordQualityWarnings(from: "2025-01-01", to: "${today}") { warnings { unitCode late highRejectionRate } silentUnits { unitCode } nameMismatches { unitCode records } } }`,
  },
];
const SUBMIT = `mutation Submit($records: [RecordInput!]!) { submitRecords(records: $records) { created updated unchanged rejected } }`;

export interface Row extends LoadResult {
  scenario: string;
  target: string;
  connections: number;
  sqlPerOp?: number;
  /** CPU milliseconds per request sent, of each process group during the run: `gateway` is the target's. */
  cpuMsPerRequest?: Record<string, number>;
}

const CPU_COLUMNS = ['gateway', 'entities', 'records', 'reports', 'mysql', 'total'];
const ms = (x: number | undefined) => (x === undefined ? '' : x < 10 ? x.toFixed(2) : x.toFixed(1));

async function measure(
  scenario: string,
  target: string,
  t: LoadTarget,
  conns: number,
  countSql: boolean,
  gateway?: CpuProbe,
  services: CpuProbe[] = serviceProbes,
): Promise<Row> {
  const before = countSql ? await sqlTotal() : 0;
  const probes = [...(gateway ? [gateway] : []), ...services];
  const cpuBefore = probes.map((p) => p.read());
  const r = await runLoad(t, conns, duration);
  // Requests in flight when the run stops are still served: let them finish, and divide CPU and
  // statements by every request sent. Dividing by the responses counted in the window would charge
  // a slow target (more in flight per response) for work it was never credited with.
  await new Promise((res) => setTimeout(res, Math.min(3000, r.p99 * 2 + 100)));
  const cpu = probes.map((p, k) => p.read() - cpuBefore[k]);
  const sqlPerOp = countSql && r.sent ? Math.round((((await sqlTotal()) - before) / r.sent) * 10) / 10 : undefined;
  // total: every process that served the request (gateway, subgraphs, database, cache), not the client.
  const perRequest = (v: number) => Math.round((v / r.sent) * 1000) / 1000;
  const cpuMsPerRequest =
    procAvailable && r.sent
      ? {
          ...Object.fromEntries(probes.map((p, k) => [p.name, perRequest(cpu[k])])),
          total: perRequest(cpu.reduce((a, b) => a + b, 0)),
        }
      : undefined;
  const row = { scenario, target, connections: conns, ...r, sqlPerOp, cpuMsPerRequest };
  const cpuText = cpuMsPerRequest
    ? `  cpu ms/req ${Object.entries(cpuMsPerRequest)
        .filter(([, v]) => v >= 0.005)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', ')}`
    : '';
  console.error(
    `  ${scenario.padEnd(24)} ${target.padEnd(26)} c=${String(conns).padEnd(3)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}${sqlPerOp !== undefined ? `  sql/op ${sqlPerOp}` : ''}${cpuText}`,
  );
  return row;
}

/** The data of a JSON object with its keys in one order, to compare two gateways' answers. */
const canonical = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(canonical)
    : x !== null && typeof x === 'object'
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
        )
      : x;

/**
 * Before a scenario is measured: requests `indexes` of it through every gateway, the first being
 * ours. A peer that answers errors, or other data than ours, would be measured doing something else:
 * the bench stops and says which.
 */
async function sameAnswers(
  scenario: string,
  targets: { name: string; target: LoadTarget }[],
  indexes = [0, 3],
): Promise<void> {
  for (const i of indexes) {
    const answers: { name: string; text: string }[] = [];
    for (const { name, target } of targets) {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers, ...(target.headersFor?.(i) ?? {}) },
        body: target.body(i),
      });
      const text = await res.text();
      let body: { data?: unknown; errors?: unknown[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`${scenario}: ${name} answered HTTP ${res.status} without JSON: ${text.slice(0, 300)}`);
      }
      if (!res.ok || body.errors?.length || body.data === undefined || body.data === null)
        throw new Error(`${scenario}: ${name} answered HTTP ${res.status} with errors: ${text.slice(0, 500)}`);
      answers.push({ name, text: JSON.stringify(canonical(body.data)) });
    }
    for (const a of answers.slice(1))
      if (a.text !== answers[0].text)
        throw new Error(
          `${scenario}: ${a.name} answered other data than ${answers[0].name} to request ${i}:\n  ${answers[0].name}: ${answers[0].text.slice(0, 400)}\n  ${a.name}: ${a.text.slice(0, 400)}`,
        );
  }
  console.error(
    `  ${scenario}: ${targets.map((t) => t.name).join(', ')} give the same data (requests ${indexes.join(', ')})`,
  );
}

/** One row from the rounds of one scenario and target: totals, merged latencies, CPU per request sent. */
function mergeRounds(parts: Row[]): Row {
  if (parts.length === 1) return parts[0];
  const latencies = parts.flatMap((p) => p.latencies ?? []).sort((a, b) => a - b);
  const sent = parts.reduce((n, p) => n + p.sent, 0);
  const requests = parts.reduce((n, p) => n + p.requests, 0);
  const weighted = (pick: (p: Row) => Record<string, number> | undefined) => {
    const names = new Set(parts.flatMap((p) => Object.keys(pick(p) ?? {})));
    if (names.size === 0 || !sent) return undefined;
    return Object.fromEntries(
      [...names].map((k) => [
        k,
        Math.round((parts.reduce((t, p) => t + (pick(p)?.[k] ?? 0) * p.sent, 0) / sent) * 1000) / 1000,
      ]),
    );
  };
  const sql = parts.every((p) => p.sqlPerOp !== undefined)
    ? { v: Math.round((parts.reduce((t, p) => t + p.sqlPerOp! * p.sent, 0) / sent) * 10) / 10 }
    : undefined;
  return {
    ...parts[0],
    requests,
    sent,
    rps: requests / (duration * parts.length),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: parts.reduce((n, p) => n + p.errors, 0),
    sqlPerOp: sql?.v,
    cpuMsPerRequest: weighted((p) => p.cpuMsPerRequest),
    latencies,
  };
}

function recordRows(unitSeq: number, n: number, codes: string[]) {
  return Array.from({ length: n }, (_, k) => ({
    decisionNumber: `黔市监罚〔bench〕${process.pid}-${unitSeq}-${k}号`,
    category: 'ADMINISTRATIVE_PENALTY',
    domainCode: 'D07',
    creditCode: codes[k % codes.length],
    subjectName: '基准测试对象',
    violationType: '虚假宣传',
    facts: '基准测试生成的违法事实',
    legalBasis: '《中华人民共和国广告法》第五十五条',
    penaltyTypes: ['罚款'],
    penaltyContent: '罚款人民币五千元',
    fineAmount: '5000.00',
    decisionDate: '2024-03-15',
    decidingAuthority: '贵州省市场监督管理局',
    decidingAuthorityCode: '11520000MB1234567X',
  }));
}

/**
 * Requests that no cache can serve (see uniqueTraffic.ts), against our gateway, every peer and the
 * subgraph directly, in one block so that the ratios compare the same minutes of the machine.
 */
async function uniqueTraffic(rows: Row[], peers: Peer[], lead: string): Promise<void> {
  const pools = await collectPools((q, v) => gql(GATEWAY, q, v, lead), smoke ? 1 : 3);
  if (pools.subjects.length === 0) {
    console.error('unique traffic skipped: the lead department sees no subjects (run pnpm seed:large first)');
    return;
  }
  // Many principals: in-flight sharing joins identical queries of one caller only.
  const leads = await Promise.all(
    Array.from({ length: 50 }, (_, k) => token({ role: 'LEAD_DEPARTMENT', sub: `lead-bench-${k}` })),
  );
  const ownerTokens = new Map<string, string>();
  for (const code of pools.subjects) ownerTokens.set(code, await token({ role: 'SUBJECT', creditCode: code }));
  const operators = await Promise.all(
    Array.from({ length: 50 }, (_, k) => token({ role: 'OPERATOR', operatorId: `bench-window-${k}` })),
  );
  // Reports of many subjects to verify: each issued by its subject, ten at a time.
  const issuers = pools.subjects.slice(0, smoke ? 10 : 200);
  const reports: { n: string; c: string }[] = [];
  for (let k = 0; k < issuers.length; k += 10) {
    const batch = await Promise.allSettled(
      issuers.slice(k, k + 10).map(async (creditCode) => {
        const owner = await token({ role: 'SUBJECT', creditCode });
        const d = await gql(
          GATEWAY,
          ISSUE,
          { input: { creditCode, scenario: 'ADMINISTRATIVE_APPROVAL', channel: 'WEBSITE' } },
          owner,
        );
        return { n: d.issueReport.number as string, c: d.issueReport.verificationCode as string };
      }),
    );
    for (const r of batch) if (r.status === 'fulfilled') reports.push(r.value);
  }
  console.error(
    `setup (unique traffic): ${pools.subjects.length} subjects, ${pools.pages.length} dashboard pages, ${reports.length} reports, 50 lead and 50 operator tokens`,
  );
  // Every subject, page and report read once before measuring: the first target measured must not
  // be the one that pays for reading them from disk into the database's buffer pool.
  const warmUp = async (bodies: string[], url: string, bearer: string | undefined) => {
    for (let k = 0; k < bodies.length; k += 25)
      await Promise.all(
        bodies.slice(k, k + 25).map(async (body) => {
          const { query, variables } = JSON.parse(body);
          await gql(url, query, variables, bearer).catch(() => undefined);
        }),
      );
  };
  // The smoke only has to finish without errors: nothing it measures is compared, so no warm-up.
  if (!smoke) {
    const warmStarted = Date.now();
    const histories = subjectHistories(GATEWAY, pools, leads);
    const pages = dashboardPages(GATEWAY, pools, leads);
    const verifying = manyVerifications(GATEWAY, reports);
    await warmUp(
      [...pools.subjects.map((_, i) => histories.body(i)), ...pools.pages.map((_, i) => pages.body(i))],
      GATEWAY,
      lead,
    );
    await warmUp(
      reports.map((_, i) => verifying.body(i)),
      GATEWAY,
      undefined,
    );
    // The baseline's own processes read them once too (their JIT and pools are as cold as ours were).
    if (baseline)
      await warmUp(
        [...pools.subjects.map((_, i) => histories.body(i)), ...pools.pages.map((_, i) => pages.body(i))],
        baseline.url,
        lead,
      );
    console.error(
      `warm-up: every subject, page and report read once (${((Date.now() - warmStarted) / 1000).toFixed(0)}s)`,
    );
  }
  const gateways: { name: string; url: string; probe?: CpuProbe; services?: CpuProbe[] }[] = [
    { name: 'ours', url: GATEWAY, probe: gatewayProbe },
    ...(baseline
      ? [{ name: baseline.name, url: baseline.url, probe: baseline.gateway, services: baseline.services }]
      : []),
    ...peers.map((p) => ({ name: p.name, url: p.url, probe: CpuProbe.ofProcess('gateway', p.pid) })),
  ];
  const scenarios: {
    name: string;
    target: (url: string) => LoadTarget;
    direct?: { name: string; target: LoadTarget };
  }[] = [
    {
      name: UNIQUE_MIX,
      target: (url) => leadMix(url, pools, leads),
    },
    {
      name: UNIQUE_PORTAL,
      target: (url) => portalMix(url, pools, ownerTokens),
    },
    {
      name: 'unique: operator histories',
      target: (url) => subjectHistories(url, pools, operators),
      direct: { name: 'records direct', target: subjectHistories(SUBGRAPHS.records, pools, operators, true) },
    },
    {
      name: 'unique: dashboard pages',
      target: (url) => dashboardPages(url, pools, leads),
    },
    {
      name: UNIQUE_VERIFY,
      target: (url) => manyVerifications(url, reports),
      direct: { name: 'reports direct', target: manyVerifications(SUBGRAPHS.reports, reports) },
    },
  ];
  for (const sc of smoke ? scenarios.filter((x) => x.name === UNIQUE_MIX || x.name === UNIQUE_VERIFY) : scenarios) {
    if (reports.length === 0 && sc.name === UNIQUE_VERIFY) continue;
    await sameAnswers(
      sc.name,
      gateways.map((g) => ({ name: g.name, target: sc.target(g.url) })),
    );
    const runs = [
      ...gateways.map(
        (g) => () => measure(sc.name, g.name, sc.target(g.url), connections, g.name === 'ours', g.probe, g.services),
      ),
      ...(sc.direct && !smoke ? [() => measure(sc.name, sc.direct!.name, sc.direct!.target, connections, false)] : []),
    ];
    const parts: Row[][] = runs.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < runs.length; k++) {
        const which = (k + round) % runs.length; // round r starts with the r-th target
        parts[which].push(await runs[which]());
      }
    }
    rows.push(...parts.map(mergeRounds));
  }
  // The latency target: the mix at few connections, our gateway.
  rows.push(await measure(UNIQUE_MIX, 'ours', leadMix(GATEWAY, pools, leads), lowConnections, false, gatewayProbe));
}

async function main() {
  const started = Date.now();
  console.error(
    `benchmark: ${duration}s per run, ${connections} and ${lowConnections} connections, unique traffic in ${rounds} round(s) per target${smoke ? ' (smoke)' : ''}`,
  );
  const lead = await token({ role: 'LEAD_DEPARTMENT' });
  // Typical subjects: some records, not the extreme tail of the skewed volume seed.
  const page = await gql(
    GATEWAY,
    `{ subjects(first: 100, filter: { kind: ENTERPRISE }) { edges { node { creditCode recordSummary { records } } } } }`,
    {},
    lead,
  );
  const withRecords: string[] = page.subjects.edges
    .filter((e: any) => e.node.recordSummary.records > 0 && e.node.recordSummary.records <= 100)
    .map((e: any) => e.node.creditCode);
  const codes = (withRecords.length ? withRecords : page.subjects.edges.map((e: any) => e.node.creditCode)).slice(
    0,
    50,
  );
  const owners = await Promise.all(codes.map((c: string) => token({ role: 'SUBJECT', creditCode: c })));
  console.error(`setup: ${codes.length} subjects with records`);

  const reports: { n: string; c: string }[] = [];
  for (let i = 0; i < Math.min(20, codes.length); i++) {
    const d = await gql(
      GATEWAY,
      ISSUE,
      { input: { creditCode: codes[i], scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE' } },
      owners[i],
    );
    reports.push({ n: d.issueReport.number, c: d.issueReport.verificationCode });
  }
  console.error(`setup: ${reports.length} reports issued for verification`);

  const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
  // Each request: one of the subjects, reading its own history with its own token.
  const history = (url: string, direct = false): LoadTarget => ({
    url,
    headers: {},
    headersFor: (i) => ({ authorization: `Bearer ${pick(owners, i)}` }),
    body: (i) =>
      JSON.stringify(
        direct
          ? { query: HISTORY_DIRECT, variables: { r: [{ __typename: 'Subject', creditCode: pick(codes, i) }] } }
          : { query: HISTORY, variables: { code: pick(codes, i) } },
      ),
  });
  const list = (url: string): LoadTarget => ({
    url,
    headers: { authorization: `Bearer ${lead}` },
    body: () => JSON.stringify({ query: LIST }),
  });

  const rows: Row[] = [];
  const ratios: Record<string, number | undefined> = {};
  // The list and verification scenarios read every subject above; issuance rotates over them too.
  if (want('history')) {
    rows.push(await measure('history', 'ours', history(GATEWAY), connections, true, gatewayProbe));
    rows.push(await measure('history', 'ours', history(GATEWAY), lowConnections, false, gatewayProbe));
    rows.push(await measure('history', 'records direct', history(SUBGRAPHS.records, true), connections, false));
  }
  if (want('list'))
    rows.push(await measure('list 50 + summaries', 'ours', list(GATEWAY), connections, true, gatewayProbe));
  if (want('probe')) {
    // The probe cohort has the same records in every seeded database: latency at 10 k vs 5 M like for like.
    const probe = probeSubjects().map((p) => p.creditCode);
    const probeOwners = await Promise.all(probe.map((c) => token({ role: 'SUBJECT', creditCode: c })));
    const probeHistory: LoadTarget = {
      url: SUBGRAPHS.records,
      headers: {},
      headersFor: (i) => ({ authorization: `Bearer ${pick(probeOwners, i)}` }),
      body: (i) =>
        JSON.stringify({
          query: HISTORY_DIRECT,
          variables: { r: [{ __typename: 'Subject', creditCode: pick(probe, i) }] },
        }),
    };
    const check = await gql(
      SUBGRAPHS.records,
      HISTORY_DIRECT,
      { r: [{ __typename: 'Subject', creditCode: probe[0] }] },
      probeOwners[0],
    );
    if (!(check._entities[0]?.recordSummary?.records > 0))
      console.error('probe cohort missing: run pnpm seed:large on this database first');
    rows.push(await measure('history, probe cohort', 'records direct', probeHistory, 1, true));
    rows.push(await measure('history, probe cohort', 'records direct', probeHistory, lowConnections, false));
  }
  const peers: Peer[] = [];
  try {
    if (withPeers && (want('history') || want('list') || want('unique'))) {
      const dir = join(root, 'bench-results/peers');
      const sg = supergraphFor(SUBGRAPHS, dir);
      const routing = Object.fromEntries(Object.entries(SUBGRAPHS).map(([n, u]) => [`${n.toUpperCase()}_URL`, u]));
      if (want('history') || want('list')) peers.push(await startOurGatewayUncached(sg, peerPorts + 20, routing));
      peers.push(await startPlainGateway(sg, peerPorts));
      peers.push((await startHiveGateway(sg, peerPorts + 10, join(dir, 'hive')))!);
      const rust = await startHiveGateway(sg, peerPorts + 30, join(dir, 'hive-rust'), true).catch((err) => {
        console.error(`Hive Gateway with the Rust planner did not start (${(err as Error).message}); skipped`);
        return null;
      });
      if (rust) peers.push(rust);
      else console.error('@graphql-hive/router-runtime is not installed: no Hive Gateway with the Rust planner');
      peers.push(await startGrafbase(SUBGRAPHS, peerPorts + 40, join(dir, 'grafbase')));
      const others = peers.map((p) => ({ name: p.name, url: p.url }));
      if (want('history'))
        await sameAnswers('history', [
          { name: 'ours', target: history(GATEWAY) },
          ...others.map((p) => ({ name: p.name, target: history(p.url) })),
        ]);
      if (want('list'))
        await sameAnswers('list 50 + summaries', [
          { name: 'ours', target: list(GATEWAY) },
          ...others.map((p) => ({ name: p.name, target: list(p.url) })),
        ]);
      for (const p of peers) {
        const probe = CpuProbe.ofProcess('gateway', p.pid);
        if (want('history')) rows.push(await measure('history', p.name, history(p.url), connections, false, probe));
        if (want('history') && p.name.startsWith('ours'))
          rows.push(await measure('history', p.name, history(p.url), lowConnections, false, probe));
        if (want('list'))
          rows.push(await measure('list 50 + summaries', p.name, list(p.url), connections, false, probe));
      }
    }
    if (want('unique'))
      await uniqueTraffic(
        rows,
        peers.filter((p) => !p.name.startsWith('ours')),
        lead,
      );
  } finally {
    for (const p of peers) p.stop();
  }
  const verify = (url: string): LoadTarget => ({
    url,
    headers: {},
    body: (i) => {
      const r = pick(reports, i);
      return JSON.stringify({ query: VERIFY, variables: { n: r.n, c: r.c } });
    },
  });
  if (want('verify')) {
    rows.push(await measure('verifyReport', 'ours', verify(GATEWAY), connections, true, gatewayProbe));
    rows.push(await measure('verifyReport', 'reports direct', verify(SUBGRAPHS.reports), connections, false));
    // The same verdict as JSON at /verify, the address report users' systems call.
    const verifyJson = (url: string): LoadTarget => ({
      url: url.replace('/graphql', '/verify'),
      headers: {},
      body: () => '',
      getPath: (i) => {
        const r = pick(reports, i);
        return `/verify?number=${r.n}&code=${r.c}`;
      },
    });
    rows.push(await measure('verify JSON (/verify)', 'ours', verifyJson(GATEWAY), connections, true, gatewayProbe));
    rows.push(
      await measure('verify JSON (/verify)', 'reports direct', verifyJson(SUBGRAPHS.reports), connections, false),
    );
    // The floor: our gateway answering `{ __typename }` without calling any subgraph.
    rows.push(
      await measure(
        '{ __typename }',
        'ours',
        { url: GATEWAY, headers: {}, body: () => '{"query":"{ __typename }"}' },
        connections,
        false,
        gatewayProbe,
      ),
    );
  }
  // Each request: one of the subjects issuing a report on itself, for financing, on the website.
  const issuance = (url: string): LoadTarget => ({
    url,
    headers: {},
    headersFor: (i) => ({ authorization: `Bearer ${pick(owners, i)}` }),
    body: (i) =>
      JSON.stringify({
        query: ISSUE,
        variables: { input: { creditCode: pick(codes, i), scenario: 'FINANCING', channel: 'WEBSITE' } },
      }),
  });
  if (want('issue')) {
    const issueConns = Math.min(connections, 10);
    if (!baseline) rows.push(await measure('issueReport', 'ours', issuance(GATEWAY), issueConns, true, gatewayProbe));
    else {
      // A/B: the baseline and ours alternate, the baseline first in odd rounds.
      const parts: Row[][] = [[], []];
      for (let round = 0; round < rounds; round++)
        for (const which of round % 2 ? [1, 0] : [0, 1])
          parts[which].push(
            which === 0
              ? await measure('issueReport', 'ours', issuance(GATEWAY), issueConns, true, gatewayProbe)
              : await measure(
                  'issueReport',
                  baseline.name,
                  issuance(baseline.url),
                  issueConns,
                  false,
                  baseline.gateway,
                  baseline.services,
                ),
          );
      rows.push(...parts.map(mergeRounds));
    }
  }
  if (want('dashboard')) {
    const analyst = await token({ role: 'ANALYST' });
    const dashboard = (url: string, d: (typeof DASHBOARDS)[number]): LoadTarget => ({
      url,
      headers: { authorization: `Bearer ${d.role === 'ANALYST' ? analyst : lead}` },
      body: () => JSON.stringify({ query: d.query }),
    });
    for (const d of DASHBOARDS) {
      rows.push(await measure(`dashboard: ${d.name}`, 'ours', dashboard(GATEWAY, d), lowConnections, true));
      rows.push(
        await measure(`dashboard: ${d.name}`, 'records direct', dashboard(SUBGRAPHS.records, d), lowConnections, false),
      );
    }
    // Dashboards refreshing while subjects issue reports: issuance p99 with and without them.
    const mix: LoadTarget = {
      url: GATEWAY,
      headers: {},
      headersFor: (i) => ({ authorization: `Bearer ${pick(DASHBOARDS, i).role === 'ANALYST' ? analyst : lead}` }),
      body: (i) => JSON.stringify({ query: pick(DASHBOARDS, i).query }),
    };
    const alone = await measure('issueReport alone', 'ours', issuance(GATEWAY), lowConnections, false);
    const [withDashboards, dashboards] = await Promise.all([
      runLoad(issuance(GATEWAY), lowConnections, duration),
      runLoad(mix, lowConnections, duration),
    ]);
    rows.push(
      alone,
      { scenario: 'issueReport + dashboards', target: 'ours', connections: lowConnections, ...withDashboards },
      { scenario: 'dashboards + issuance', target: 'ours', connections: lowConnections, ...dashboards },
    );
    console.error(
      `  issuance p99 ${alone.p99.toFixed(1)} ms alone, ${withDashboards.p99.toFixed(1)} ms with dashboards (dashboards p99 ${dashboards.p99.toFixed(1)} ms)`,
    );
    ratios['issuance p99: with dashboards/alone'] = withDashboards.p99 / alone.p99;
  }
  const unit = await token({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  if (want('submit')) {
    // Only registered units submit; a database filled by seed:large alone (SEED_DEMO=false) has none.
    const u = demoSourceUnits().find((x) => x.code === 'GZ-D07')!;
    await gql(
      GATEWAY,
      `mutation($i: RegisterSourceUnitInput!) { registerSourceUnit(input: $i) { code } }`,
      {
        i: {
          code: u.code,
          name: u.name,
          creditCode: u.creditCode,
          regionCode: u.regionCode,
          domainCodes: u.domainCodes,
        },
      },
      lead,
    ).catch(() => undefined); // already registered
    rows.push(
      await measure(
        'submitRecords x500',
        'ours',
        {
          url: GATEWAY,
          headers: { authorization: `Bearer ${unit}` },
          body: (i) => JSON.stringify({ query: SUBMIT, variables: { records: recordRows(i, 500, codes) } }),
        },
        Math.min(connections, 4),
        true,
        gatewayProbe,
      ),
    );
  }

  const get = (scenario: string, target: string, c = connections) =>
    rows.find((r) => r.scenario === scenario && r.target === target && r.connections === c);
  for (const s of ['history', 'list 50 + summaries']) {
    const ours = get(s, 'ours');
    const plain = get(s, 'plain @apollo/gateway');
    const hive = get(s, 'Hive Gateway');
    const grafbase = get(s, 'Grafbase');
    if (ours && plain) ratios[`${s}: ours/plain req/s`] = ours.rps / plain.rps;
    if (ours && hive) ratios[`${s}: ours/Hive req/s`] = ours.rps / hive.rps;
    if (ours && grafbase) ratios[`${s}: ours/Grafbase req/s`] = ours.rps / grafbase.rps;
  }
  for (const c of peerComparisons(rows, connections)) {
    ratios[`${UNIQUE_MIX}: ours/${c.peer} req/s`] = c.rpsRatio;
    if (c.cpuRatio !== undefined) ratios[`${UNIQUE_MIX}: ours/${c.peer} gateway CPU per request`] = c.cpuRatio;
  }
  const uncached = get('history', 'ours, no response cache');
  const plainHistory = get('history', 'plain @apollo/gateway');
  if (uncached && plainHistory)
    ratios['history: ours without response cache/plain req/s'] = uncached.rps / plainHistory.rps;
  const direct = get('history', 'records direct');
  const oursHistory = get('history', 'ours');
  if (direct && oursHistory) ratios['history: gateway/direct p50 latency'] = oursHistory.p50 / direct.p50;

  const cpuHeader = procAvailable ? CPU_COLUMNS.map((c) => `${c} cpu ms/req`) : [];
  const header = [
    'scenario',
    'target',
    'conns',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'sql/op',
    ...cpuHeader,
  ];
  console.log(
    markdownTable([
      header,
      ...rows.map((r) => [
        r.scenario,
        r.target,
        String(r.connections),
        r.rps.toFixed(0),
        r.p50.toFixed(1),
        r.p95.toFixed(1),
        r.p99.toFixed(1),
        String(r.errors),
        r.sqlPerOp?.toString() ?? '',
        ...(procAvailable ? CPU_COLUMNS.map((c) => ms(r.cpuMsPerRequest?.[c])) : []),
      ]),
    ]),
  );
  if (procAvailable)
    console.log(
      '(cpu ms/req: utime+stime from /proc/<pid>/stat of each process and its workers, from the start of the run until the requests in flight at its end were served, divided by the requests sent; gateway = the target gateway, empty for a subgraph called directly)',
    );
  for (const [k, v] of Object.entries(ratios)) console.log(`${k}: ${v?.toFixed(2)}`);
  const versus = peerComparisonTable(rows, connections);
  if (versus) console.log(`\n${UNIQUE_MIX}, ${connections} conns: ours against each peer, this run:\n${versus}`);
  const verdicts = targetVerdicts(rows, { connections, lowConnections });
  console.log(`\nTargets (issue 16), this run:\n${verdictTable(verdicts)}`);

  const out = join(root, 'bench-results');
  mkdirSync(out, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    mode: { db: env.DB_URL ? 'mysql' : 'sqlite', cache: env.REDIS_URL ? 'redis' : 'memory' },
    settings: { duration, connections, lowConnections, smoke, rounds },
    cpuMeasuredBy: procAvailable ? '/proc/<pid>/stat utime+stime deltas, process trees' : 'not measured',
    rows: rows.map(({ latencies: _, ...r }) => r),
    ratios,
    targets: verdicts,
  };
  writeFileSync(join(out, smoke ? 'smoke.json' : 'latest.json'), JSON.stringify(report, null, 2));
  console.error(
    `benchmark done in ${((Date.now() - started) / 1000).toFixed(0)}s; wrote bench-results/${smoke ? 'smoke' : 'latest'}.json`,
  );
  const failed = rows.filter((r) => r.requests === 0 || r.errors > r.requests * 0.01);
  if (failed.length) {
    console.error(`scenarios with errors: ${failed.map((r) => `${r.scenario}/${r.target}`).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

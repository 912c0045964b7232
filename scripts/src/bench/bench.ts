import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { authConfigFromEnv, parseEnv, signEmbeddedToken, type TokenClaims } from '@credit/shared';
import { runLoad, type LoadResult, type LoadTarget } from './loadRunner';
import { probeSubjects } from './probeCohort';
import { startHiveGateway, startOurGatewayUncached, startPlainGateway, supergraphFor, type Peer } from './peers';

const root = resolve(__dirname, '../../..');

/**
 * `pnpm bench [--duration 10] [--connections 50] [--smoke] [--no-peers]` against a platform
 * started with `pnpm start` (same environment). Load comes from this process; the gateways and
 * subgraphs run in their own. Prints a table and writes bench-results/latest.json.
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
const onlyArg = args.indexOf('--only');
/** `--only history,verify`: run just these scenario groups (history, probe, list, verify, issue, submit, dashboard). */
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

interface Row extends LoadResult {
  scenario: string;
  target: string;
  connections: number;
  sqlPerOp?: number;
}

async function measure(
  scenario: string,
  target: string,
  t: LoadTarget,
  conns: number,
  countSql: boolean,
): Promise<Row> {
  const before = countSql ? await sqlTotal() : 0;
  const r = await runLoad(t, conns, duration);
  const sqlPerOp =
    countSql && r.requests ? Math.round((((await sqlTotal()) - before) / r.requests) * 10) / 10 : undefined;
  const row = { scenario, target, connections: conns, ...r, sqlPerOp };
  console.error(
    `  ${scenario.padEnd(22)} ${target.padEnd(22)} c=${String(conns).padEnd(3)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}${sqlPerOp !== undefined ? `  sql/op ${sqlPerOp}` : ''}`,
  );
  return row;
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

async function main() {
  const started = Date.now();
  console.error(
    `benchmark: ${duration}s per run, ${connections} and ${lowConnections} connections${smoke ? ' (smoke)' : ''}`,
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
    rows.push(await measure('history', 'ours', history(GATEWAY), connections, true));
    rows.push(await measure('history', 'ours', history(GATEWAY), lowConnections, false));
    rows.push(await measure('history', 'records direct', history(SUBGRAPHS.records, true), connections, false));
  }
  if (want('list')) rows.push(await measure('list 50 + summaries', 'ours', list(GATEWAY), connections, true));
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
    if (withPeers && (want('history') || want('list'))) {
      const dir = join(root, 'bench-results/peers');
      const sg = supergraphFor(SUBGRAPHS, dir);
      const routing = Object.fromEntries(Object.entries(SUBGRAPHS).map(([n, u]) => [`${n.toUpperCase()}_URL`, u]));
      peers.push(
        await startOurGatewayUncached(sg, 4620, routing),
        await startPlainGateway(sg, 4600),
        await startHiveGateway(sg, 4610, join(dir, 'hive')),
      );
      for (const p of peers) {
        if (want('history')) rows.push(await measure('history', p.name, history(p.url), connections, false));
        if (want('history') && p.name.startsWith('ours'))
          rows.push(await measure('history', p.name, history(p.url), lowConnections, false));
        if (want('list')) rows.push(await measure('list 50 + summaries', p.name, list(p.url), connections, false));
      }
    }
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
    rows.push(await measure('verifyReport', 'ours', verify(GATEWAY), connections, true));
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
    rows.push(await measure('verify JSON (/verify)', 'ours', verifyJson(GATEWAY), connections, true));
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
      ),
    );
  }
  if (want('issue'))
    rows.push(
      await measure(
        'issueReport',
        'ours',
        {
          url: GATEWAY,
          headers: {},
          headersFor: (i) => ({ authorization: `Bearer ${pick(owners, i)}` }),
          body: (i) =>
            JSON.stringify({
              query: ISSUE,
              variables: { input: { creditCode: pick(codes, i), scenario: 'FINANCING', channel: 'WEBSITE' } },
            }),
        },
        Math.min(connections, 10),
        true,
      ),
    );
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
    const issuance: LoadTarget = {
      url: GATEWAY,
      headers: {},
      headersFor: (i) => ({ authorization: `Bearer ${pick(owners, i)}` }),
      body: (i) =>
        JSON.stringify({
          query: ISSUE,
          variables: { input: { creditCode: pick(codes, i), scenario: 'FINANCING', channel: 'WEBSITE' } },
        }),
    };
    const mix: LoadTarget = {
      url: GATEWAY,
      headers: {},
      headersFor: (i) => ({ authorization: `Bearer ${pick(DASHBOARDS, i).role === 'ANALYST' ? analyst : lead}` }),
      body: (i) => JSON.stringify({ query: pick(DASHBOARDS, i).query }),
    };
    const alone = await measure('issueReport alone', 'ours', issuance, lowConnections, false);
    const [withDashboards, dashboards] = await Promise.all([
      runLoad(issuance, lowConnections, duration),
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
  if (want('submit'))
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
      ),
    );

  const get = (scenario: string, target: string, c = connections) =>
    rows.find((r) => r.scenario === scenario && r.target === target && r.connections === c);
  for (const s of ['history', 'list 50 + summaries']) {
    const ours = get(s, 'ours');
    const plain = get(s, 'plain @apollo/gateway');
    const hive = get(s, 'Hive Gateway');
    if (ours && plain) ratios[`${s}: ours/plain req/s`] = ours.rps / plain.rps;
    if (ours && hive) ratios[`${s}: ours/Hive req/s`] = ours.rps / hive.rps;
  }
  const uncached = get('history', 'ours, no response cache');
  const plainHistory = get('history', 'plain @apollo/gateway');
  if (uncached && plainHistory)
    ratios['history: ours without response cache/plain req/s'] = uncached.rps / plainHistory.rps;
  const direct = get('history', 'records direct');
  const oursHistory = get('history', 'ours');
  if (direct && oursHistory) ratios['history: gateway/direct p50 latency'] = oursHistory.p50 / direct.p50;

  const header = ['scenario', 'target', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'sql/op'];
  const table = [
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
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n'),
  );
  for (const [k, v] of Object.entries(ratios)) console.log(`${k}: ${v?.toFixed(2)}`);

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
    settings: { duration, connections, lowConnections, smoke },
    rows,
    ratios,
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

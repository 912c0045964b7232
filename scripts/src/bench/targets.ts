import type { LoadResult } from './loadRunner';

export const UNIQUE_MIX = 'unique: lead mix';
export const UNIQUE_VERIFY = 'unique: verifyReport';
export const UNIQUE_PORTAL = 'unique: portal mix';

interface RowLike extends LoadResult {
  scenario: string;
  target: string;
  connections: number;
  cpuMsPerRequest?: Record<string, number>;
}

export interface Verdict {
  target: string;
  measured: string;
  status: 'met' | 'not met' | 'not measured';
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

/** The targets of issue 16, judged on one run's rows (a missing row is "not measured", never met). */
export function targetVerdicts(rows: RowLike[], c: { connections: number; lowConnections: number }): Verdict[] {
  const get = (scenario: string, target: string, conns = c.connections) =>
    rows.find((r) => r.scenario === scenario && r.target === target && r.connections === conns);
  const out: Verdict[] = [];
  const judge = (target: string, value: number | undefined, ok: (v: number) => boolean, measured: string) =>
    out.push(
      value === undefined || Number.isNaN(value)
        ? { target, measured: 'not in this run', status: 'not measured' }
        : { target, measured, status: ok(value) ? 'met' : 'not met' },
    );

  const ours = get(UNIQUE_MIX, 'ours');
  const plain = get(UNIQUE_MIX, 'plain @apollo/gateway');
  const hives = [get(UNIQUE_MIX, 'Hive Gateway'), get(UNIQUE_MIX, 'Hive Gateway, Rust planner')].filter(
    (r): r is RowLike => r !== undefined,
  );
  const bestHive = hives.sort((a, b) => b.rps - a.rps)[0];
  judge(
    `unique mix, ${c.connections} conns: ours ≥ 2× plain @apollo/gateway req/s`,
    ours && plain ? ours.rps / plain.rps : undefined,
    (v) => v >= 2,
    ours && plain ? `${ours.rps.toFixed(0)} vs ${plain.rps.toFixed(0)} req/s = ${fmt(ours.rps / plain.rps)}×` : '',
  );
  judge(
    `unique mix, ${c.connections} conns: ours ≥ 2× Hive Gateway req/s (the faster of its planners)`,
    ours && bestHive ? ours.rps / bestHive.rps : undefined,
    (v) => v >= 2,
    ours && bestHive
      ? `${ours.rps.toFixed(0)} vs ${bestHive.rps.toFixed(0)} req/s (${bestHive.target}) = ${fmt(ours.rps / bestHive.rps)}×`
      : '',
  );
  const oursCpu = ours?.cpuMsPerRequest?.gateway;
  const plainCpu = plain?.cpuMsPerRequest?.gateway;
  judge(
    'unique mix: gateway CPU per request ≤ 1/3 of the plain gateway’s',
    oursCpu !== undefined && plainCpu ? oursCpu / plainCpu : undefined,
    (v) => v <= 1 / 3,
    oursCpu !== undefined && plainCpu
      ? `${fmt(oursCpu)} vs ${fmt(plainCpu)} ms = ${fmt(oursCpu / plainCpu)} of it`
      : '',
  );
  // Issue 32: the whole platform's CPU per unique lead-mix request, against the commit it started from (A/B).
  const base = rows.find(
    (r) => r.scenario === UNIQUE_MIX && r.target.startsWith('ours at ') && r.connections === c.connections,
  );
  const oursTotal = ours?.cpuMsPerRequest?.total;
  const baseTotal = base?.cpuMsPerRequest?.total;
  judge(
    `unique mix: total CPU per request ≤ ½ of ${base?.target ?? 'the baseline (--baseline-ports)'}`,
    oursTotal !== undefined && baseTotal ? oursTotal / baseTotal : undefined,
    (v) => v <= 0.5,
    oursTotal !== undefined && baseTotal
      ? `${fmt(oursTotal)} vs ${fmt(baseTotal)} ms = ${fmt(oursTotal / baseTotal)} of it`
      : '',
  );
  const verify = get(UNIQUE_VERIFY, 'ours');
  const verifyDirect = get(UNIQUE_VERIFY, 'reports direct');
  judge(
    'verifyReport (many reports) through the gateway ≥ 80 % of the reports subgraph direct',
    verify && verifyDirect ? verify.rps / verifyDirect.rps : undefined,
    (v) => v >= 0.8,
    verify && verifyDirect
      ? `${verify.rps.toFixed(0)} vs ${verifyDirect.rps.toFixed(0)} req/s = ${fmt((verify.rps / verifyDirect.rps) * 100, 0)} %`
      : '',
  );
  const historyDirect = get('history', 'records direct') ?? get('unique: operator histories', 'records direct');
  judge(
    'records history direct ≥ 1,000/s (at 1 M records)',
    historyDirect?.rps,
    (v) => v >= 1000,
    historyDirect ? `${historyDirect.rps.toFixed(0)}/s (${historyDirect.scenario})` : '',
  );
  const issue = rows.find((r) => r.scenario === 'issueReport' && r.target === 'ours');
  judge('issueReport ≥ 300/s', issue?.rps, (v) => v >= 300, issue ? `${issue.rps.toFixed(0)}/s` : '');
  const submit = rows.find((r) => r.scenario === 'submitRecords x500' && r.target === 'ours');
  judge(
    'import ≥ 20,000 rows/s (here: submitRecords ×500 through the gateway; the CLI import is measured apart)',
    submit ? submit.rps * 500 : undefined,
    (v) => v >= 20_000,
    submit ? `${(submit.rps * 500).toFixed(0)} rows/s` : '',
  );
  const low = get(UNIQUE_MIX, 'ours', c.lowConnections);
  judge(
    `unique mix p99 < 100 ms at ${c.lowConnections} conns`,
    low?.p99,
    (v) => v < 100,
    low ? `${low.p99.toFixed(1)} ms` : '',
  );
  return out;
}

/** The gateways the bench measures beside ours, in the order it reports them. */
export const PEERS = ['plain @apollo/gateway', 'Hive Gateway', 'Hive Gateway, Rust planner', 'Grafbase'];

export interface PeerComparison {
  peer: string;
  peerRps: number;
  /** Our req/s ÷ the peer's. */
  rpsRatio: number;
  peerGatewayCpuMs?: number;
  /** Our gateway's CPU per request ÷ the peer's (below 1: ours spends less). */
  cpuRatio?: number;
}

/** Ours against each peer on one scenario (the unique lead mix by default), from one run's rows. */
export function peerComparisons(rows: RowLike[], connections: number, scenario = UNIQUE_MIX): PeerComparison[] {
  const get = (target: string) =>
    rows.find((r) => r.scenario === scenario && r.target === target && r.connections === connections);
  const ours = get('ours');
  if (!ours) return [];
  const oursCpu = ours.cpuMsPerRequest?.gateway;
  return PEERS.flatMap((peer) => {
    const row = get(peer);
    if (!row || !row.rps) return [];
    const peerCpu = row.cpuMsPerRequest?.gateway;
    return [
      {
        peer,
        peerRps: row.rps,
        rpsRatio: ours.rps / row.rps,
        peerGatewayCpuMs: peerCpu,
        cpuRatio: oursCpu !== undefined && peerCpu ? oursCpu / peerCpu : undefined,
      },
    ];
  });
}

export function peerComparisonTable(rows: RowLike[], connections: number, scenario = UNIQUE_MIX): string {
  const ours = rows.find((r) => r.scenario === scenario && r.target === 'ours' && r.connections === connections);
  const comparisons = peerComparisons(rows, connections, scenario);
  if (!ours || comparisons.length === 0) return '';
  const oursCpu = ours.cpuMsPerRequest?.gateway;
  return markdownTable([
    ['peer', 'peer req/s', 'ours ÷ peer, req/s', 'peer gateway CPU ms/req', 'ours ÷ peer, gateway CPU'],
    ...comparisons.map((c) => [
      c.peer,
      c.peerRps.toFixed(0),
      `${fmt(c.rpsRatio)}×`,
      c.peerGatewayCpuMs === undefined ? '' : fmt(c.peerGatewayCpuMs),
      c.cpuRatio === undefined ? '' : fmt(c.cpuRatio),
    ]),
    ['ours', ours.rps.toFixed(0), '', oursCpu === undefined ? '' : fmt(oursCpu), ''],
  ]);
}

/** A Markdown table with padded columns; the first row is the header. */
export function markdownTable(table: string[][]): string {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(table[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join(
    '\n',
  );
}

export function verdictTable(verdicts: Verdict[]): string {
  return markdownTable([['target', 'measured', 'status'], ...verdicts.map((v) => [v.target, v.measured, v.status])]);
}

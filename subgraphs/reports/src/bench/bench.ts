import { authConfigFromEnv, DEMO_SUBJECTS, parseEnv, signEmbeddedToken } from '@credit/shared';

/**
 * Issuance and verification rates against a running platform (`pnpm start`), embedded mode:
 *   node subgraphs/reports/dist/bench/bench.js [--url http://127.0.0.1:4000/graphql] [--issue 200] [--verify 1000] [--concurrency 8]
 * Through the gateway, start the platform with RATE_LIMIT_PER_PRINCIPAL / RATE_LIMIT_ANONYMOUS_PER_IP raised,
 * or the limiter (not the reports service) is what gets measured. Only loopback targets are accepted.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const ISSUE = `mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }`;
const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic } }`;

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data!;
}

/** Runs `total` calls with `concurrency` in flight; returns the rate and latency percentiles. */
async function measure(total: number, concurrency: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t = process.hrtime.bigint();
      await call(i);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  return { perSecond: (total / seconds).toFixed(1), seconds: seconds.toFixed(2), p50: pct(50), p95: pct(95) };
}

async function main() {
  const url = arg('url', 'http://127.0.0.1:4000/graphql');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) throw new Error('the benchmark only targets this machine (loopback)');
  const issueCount = Math.min(Number(arg('issue', '200')), 5000);
  const verifyCount = Math.min(Number(arg('verify', '1000')), 50_000);
  const concurrency = Math.min(Math.max(1, Number(arg('concurrency', '8'))), 64);
  const auth = authConfigFromEnv(parseEnv({}, process.env));
  const subject = DEMO_SUBJECTS.ENTERPRISE;
  const token = await signEmbeddedToken({ role: 'SUBJECT', creditCode: subject.creditCode }, auth, '1h');
  const domainSets = [['D07', 'D14', 'D04'], ['D01', 'D03', 'D07', 'D14', 'D28'], undefined];

  const issued: { number: string; verificationCode: string }[] = [];
  const issuance = await measure(issueCount, concurrency, async (i) => {
    const d = await post(url, ISSUE, { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: domainSets[i % domainSets.length] } }, token);
    issued.push(d.issueReport);
  });
  let authentic = 0;
  const verification = await measure(verifyCount, concurrency, async (i) => {
    const r = issued[i % issued.length];
    const d = await post(url, VERIFY, { n: r.number, c: r.verificationCode });
    if (d.verifyReport.authentic) authentic++;
  });
  console.log(JSON.stringify({ url, concurrency, subject: subject.creditCode, issuance: { reports: issueCount, ...issuance }, verification: { calls: verifyCount, authentic, ...verification } }, null, 2));
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

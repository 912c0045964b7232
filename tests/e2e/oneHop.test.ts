import { createGateway, loadGatewayEnv, type GatewayApp } from '@credit/gateway';
import { closeServer, createLogger, DEMO_SUBJECTS, listen } from '@credit/shared';
import { tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

/**
 * Issue 32: one hop for single-subgraph operations. The platform's gateway runs with GATEWAY_ONE_HOP=on
 * (the default), a second gateway in this process with it off, against the same subgraphs. Every
 * operation is sent to the first twice (its first request is planned and executed as before, which is
 * when the decision is made; the second takes one hop) and once to the second: the three answers
 * must be the same, status, data and errors (codes, messages, paths, no internals).
 */
let p: Platform;
let off: GatewayApp;
let offUrl: string;
let subject: string;
let report: { number: string; verificationCode: string };
const company = DEMO_SUBJECTS.ENTERPRISE;
const person = DEMO_SUBJECTS.NATURAL_PERSON;

beforeAll(async () => {
  // No response cache: every answer must come from a subgraph, through each gateway's own path.
  p = await startPlatform([entities, records, reports], { SEED_DEMO: 'true', RESPONSE_CACHE: 'off' });
  off = await createGateway({
    env: loadGatewayEnv({ ...p.env, GATEWAY_ONE_HOP: 'off' }),
    supergraphSdl: p.supergraphSdl!,
    logger: createLogger('gateway', 'silent'),
  });
  offUrl = `http://127.0.0.1:${await listen(off.http, 0, '127.0.0.1')}/graphql`;
  subject = await tokenFor({ role: 'SUBJECT', creditCode: company.creditCode });
  const issued = await post(p.gatewayUrl, ISSUE, { input: ISSUE_INPUT }, subject);
  expect(issued.body.errors).toBeUndefined();
  report = issued.body.data.issueReport;
});
afterAll(async () => {
  await closeServer(off.http);
  await off.stop();
  await p.stop();
});

const VERIFY =
  'query Verify($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic status number } }';
const ISSUE = 'mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode scenario } }';
const ISSUE_INPUT = { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] };
const SUBJECT = 'query($c: String!) { subject(creditCode: $c) { creditCode name kind legalRepresentative masked } }';

interface Answer {
  status: number;
  body: any;
}
async function post(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

const SUBGRAPHS = ['entities', 'records', 'reports'];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
async function hops(gateway: GatewayApp, subgraph: string): Promise<number> {
  const metric = gateway.metrics.registry.getSingleMetric('gateway_one_hop_total');
  if (!metric) return 0;
  const values = (await metric.get()).values;
  return values.find((v) => v.labels.subgraph === subgraph)?.value ?? 0;
}

/**
 * The answers of the gateway with one hop (first and second request) and without; `oneHop` names
 * the subgraph the second request must have gone to directly, or null when it must have been planned.
 */
async function compare(
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  oneHop: string | null,
): Promise<Answer> {
  const count = () => Promise.all(SUBGRAPHS.map((s) => hops(p.gateway, s)));
  const before = await count();
  const first = await post(p.gatewayUrl, query, variables, token);
  const between = await count();
  const second = await post(p.gatewayUrl, query, variables, token);
  const after = await count();
  const without = await post(offUrl, query, variables, token);
  expect(second).toEqual(first);
  expect(without).toEqual(first);
  // The second request is one hop whether or not an earlier test sent this operation first.
  expect(SUBGRAPHS.filter((_, i) => after[i] > between[i])).toEqual(oneHop ? [oneHop] : []);
  expect(sum(after) - sum(between)).toBe(oneHop ? 1 : 0);
  if (!oneHop) expect(sum(between)).toBe(sum(before));
  expect(JSON.stringify(first.body)).not.toMatch(/serviceName|127\.0\.0\.1|stacktrace/);
  return first;
}

describe('one hop for single-subgraph operations', () => {
  it('verifies a report straight at reports, with the same answer as a planned verification', async () => {
    const r = await compare(VERIFY, { n: report.number, c: report.verificationCode }, undefined, 'reports');
    expect(r.body).toEqual({ data: { verifyReport: { authentic: true, status: 'ISSUED', number: report.number } } });
  });

  it('answers a wrong code and an unknown number with the same error', async () => {
    const wrong = await compare(VERIFY, { n: report.number, c: 'WRONGCODE1' }, undefined, 'reports');
    expect(wrong.body.errors).toHaveLength(1);
    expect(wrong.body.errors[0]).toMatchObject({ path: ['verifyReport'], extensions: { code: 'NOT_FOUND' } });
    expect(wrong.body.data).toBeNull();
    const unknown = await compare(VERIFY, { n: 'GZ20240101000000199XXXXX', c: 'ABCDEFGH' }, undefined, 'reports');
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses variables of the wrong type on the one-hop path as the executor does', async () => {
    // The decision is made by the first request of Verify above; this one is refused before any call.
    const before = await hops(p.gateway, 'reports');
    const bad = await post(p.gatewayUrl, VERIFY, { n: 42, c: report.verificationCode });
    const planned = await post(offUrl, VERIFY, { n: 42, c: report.verificationCode });
    expect(bad).toEqual(planned);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await hops(p.gateway, 'reports')).toBe(before);
  });

  it('shapes the answer by the client operation: aliases, fragments, __typename, @include', async () => {
    const q = `query Shaped($n: String!, $c: String!, $more: Boolean!) {
      v: verifyReport(number: $n, verificationCode: $c) { ...Verdict __typename kind: __typename
        signatures @include(if: $more) { __typename } }
      again: verifyReport(number: $n, verificationCode: $c) { status }
    }
    fragment Verdict on ReportVerification { authentic number }`;
    const vars = { n: report.number, c: report.verificationCode };
    const r = await compare(q, { ...vars, more: false }, undefined, 'reports');
    expect(r.body.data).toEqual({
      v: { authentic: true, number: report.number, __typename: 'ReportVerification', kind: 'ReportVerification' },
      again: { status: 'ISSUED' },
    });
    expect(Object.keys(r.body.data.v)).toEqual(['authentic', 'number', '__typename', 'kind']);
    const more = await compare(q, { ...vars, more: true }, undefined, 'reports');
    expect(more.body.data.v.signatures.length).toBeGreaterThan(0);
  });

  it("reads a subject's own register entry and its own report (portal reads) one hop", async () => {
    const own = await compare(SUBJECT, { c: company.creditCode }, subject, 'entities');
    expect(own.body.data.subject).toMatchObject({ name: company.name, masked: false });
    const mine = await compare(
      'query($n: String!) { report(number: $n) { number status subjectName scenario } }',
      { n: report.number },
      subject,
      'reports',
    );
    expect(mine.body.data.report).toMatchObject({ number: report.number, scenario: 'BIDDING_PROCUREMENT' });
  });

  it('masks a natural person for a partner and answers an operator as before', async () => {
    const partner = await tokenFor({ role: 'PARTNER', partnerId: 'sc', province: '510000' });
    const masked = await compare(SUBJECT, { c: person.creditCode }, partner, 'entities');
    expect(masked.body.data.subject.masked).toBe(true);
    expect(masked.body.data.subject.name).not.toBe(person.name);
    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'window-520100-01', channel: 'SERVICE_WINDOW' });
    const read = await compare(SUBJECT, { c: person.creditCode }, operator, 'entities');
    expect(read.body.data.subject.creditCode).toBe(person.creditCode);
  });

  it("plans a query over two subgraphs (the subject's history) as before", async () => {
    const r = await compare(
      'query($c: String!) { subject(creditCode: $c) { name recordSummary { records } records(first: 5) { edges { node { id status } } } } }',
      { c: company.creditCode },
      subject,
      null,
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.subject.name).toBe(company.name);
    expect(r.body.data.subject.records.edges.length).toBeGreaterThan(0);
  });

  it('answers validation errors, unauthenticated and forbidden reads with the same errors', async () => {
    const invalid = await compare('{ verifyReport(number: "x") { authentic } }', {}, undefined, null);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const anonymous = await compare(SUBJECT, { c: company.creditCode }, undefined, null);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Refused by entities itself: a subgraph's error through the one-hop path.
    const analyst = await compare(SUBJECT, { c: company.creditCode }, await tokenFor({ role: 'ANALYST' }), 'entities');
    expect(analyst.body.errors[0]).toMatchObject({ path: ['subject'], extensions: { code: 'FORBIDDEN' } });
  });

  it('issues a report (a single-subgraph mutation) one hop, with the same answer shape', async () => {
    const before = await hops(p.gateway, 'reports');
    const first = await post(p.gatewayUrl, ISSUE, { input: ISSUE_INPUT }, subject);
    const second = await post(p.gatewayUrl, ISSUE, { input: ISSUE_INPUT }, subject);
    const planned = await post(offUrl, ISSUE, { input: ISSUE_INPUT }, subject);
    // The issue in beforeAll made the decision: both requests here take one hop.
    expect(await hops(p.gateway, 'reports')).toBe(before + 2);
    for (const r of [first, second, planned]) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect(Object.keys(r.body.data.issueReport)).toEqual(['number', 'verificationCode', 'scenario']);
      expect(r.body.data.issueReport.scenario).toBe('BIDDING_PROCUREMENT');
    }
    const verified = await post(offUrl, VERIFY, {
      n: second.body.data.issueReport.number,
      c: second.body.data.issueReport.verificationCode,
    });
    expect(verified.body.data.verifyReport.authentic).toBe(true);
  });

  it('answers an unreachable subgraph with the same coded error, without its address', async () => {
    await p.stopSubgraph('reports');
    try {
      const r = await compare(VERIFY, { n: report.number, c: report.verificationCode }, undefined, 'reports');
      expect(r.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(r.body.data).toBeNull();
    } finally {
      await p.restartSubgraph('reports');
    }
  });

  it('takes no hop at all with GATEWAY_ONE_HOP=off', async () => {
    expect(await hops(off, 'reports')).toBe(0);
    expect(await hops(off, 'entities')).toBe(0);
  });
});

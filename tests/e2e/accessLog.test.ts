import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

/**
 * Issue 13 item 2: a subject's access log stays readable after a burst of anonymous verifications:
 * reads by people come first-class (paged, filtered), the verifications are counted per report and day.
 */
let p: Platform;
let lead: string;
let subject: { creditCode: string; token: string };
let report: { number: string; verificationCode: string };
const VERIFICATIONS = 30;

const LOG = `query($c: String!, $first: Int, $after: String, $filter: AccessLogFilter) {
  subject(creditCode: $c) { accessLog(first: $first, after: $after, filter: $filter) {
    edges { cursor node { at actor role action target service } }
    pageInfo { hasNextPage endCursor }
    anonymousVerifications { target action day count firstAt lastAt service }
    unavailable
  } } }`;

type Node = { at: string; actor: string; role: string; action: string; target: string | null; service: string };
async function accessLog(vars: Record<string, unknown>, token = subject.token) {
  const r = await gql(p.gatewayUrl, LOG, { c: subject.creditCode, ...vars }, token);
  return r;
}

beforeAll(async () => {
  p = await startPlatform([entities, records, reports], { SEED_DEMO: 'false' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const creditCode = makeCreditCode('91', '520100', 70_000_000 + (process.pid % 100_000));
  const up = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    {
      s: [{ creditCode, kind: 'ENTERPRISE', name: '贵阳访问日志测试有限公司', regionCode: '520100', status: 'ACTIVE' }],
    },
    lead,
  );
  expect(up.data!.upsertSubjects.created).toBe(1);
  subject = { creditCode, token: await tokenFor({ role: 'SUBJECT', creditCode }) };
  const issued = await gql(
    p.gatewayUrl,
    `mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }`,
    { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] } },
    subject.token,
  );
  expect(issued.errors).toBeUndefined();
  report = issued.data!.issueReport;
  // The burst: anonymous report users checking the report.
  for (let i = 0; i < VERIFICATIONS; i++) {
    const v = await gql(
      p.gatewayUrl,
      'query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic } }',
      { n: report.number, c: report.verificationCode },
    );
    expect(v.data!.verifyReport.authentic).toBe(true);
  }
  // Reads of the subject by people: the lead department and a service window operator.
  const read = '{ subject(creditCode: "%") { name } }'.replace('%', creditCode);
  expect((await gql(p.gatewayUrl, read, {}, lead)).errors).toBeUndefined();
  const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'window-520100-07', channel: 'SERVICE_WINDOW' });
  expect((await gql(p.gatewayUrl, read, {}, operator)).errors).toBeUndefined();
});
afterAll(() => p.stop());

describe('Subject.accessLog for people', () => {
  it('lists the reads by people first and counts the anonymous verifications per report and day', async () => {
    const r = await accessLog({ first: 5 });
    expect(r.errors).toBeUndefined();
    const log = r.data!.subject.accessLog;
    const nodes: Node[] = log.edges.map((e: { node: Node }) => e.node);
    expect(nodes.some((n) => n.action === 'report.verify')).toBe(false);
    expect(nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'LEAD_DEPARTMENT', action: 'subject.read', service: 'entities' }),
        expect.objectContaining({ role: 'OPERATOR', actor: 'operator:window-520100-07', action: 'subject.read' }),
      ]),
    );
    expect(log.anonymousVerifications).toEqual([
      expect.objectContaining({
        target: report.number,
        action: 'report.verify',
        count: VERIFICATIONS,
        service: 'reports',
      }),
    ]);
    const day = log.anonymousVerifications[0];
    expect(day.day).toBe(new Date(Date.parse(day.lastAt) + 8 * 3600_000).toISOString().slice(0, 10));
    expect(log.unavailable).toEqual([]);
  });

  it('pages without gaps or repeats, newest first', async () => {
    const whole = (await accessLog({ first: 100 })).data!.subject.accessLog;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const all: Node[] = whole.edges.map((e: { node: Node }) => e.node);
    expect(all.length).toBeGreaterThanOrEqual(3); // report.issue by the subject, and the two reads
    const walked: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await accessLog({ first: 1, after })).data!.subject.accessLog;
      walked.push(...page.edges.map((e: { node: Node }) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
    const times = all.map((n) => n.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by role, action and period', async () => {
    const byRole = (await accessLog({ filter: { roles: ['OPERATOR'] } })).data!.subject.accessLog;
    expect(byRole.edges.map((e: { node: Node }) => e.node.role)).toEqual(['OPERATOR']);
    const byAction = (await accessLog({ filter: { actions: ['report.issue'] } })).data!.subject.accessLog;
    expect(byAction.edges.map((e: { node: Node }) => [e.node.action, e.node.target])).toEqual([
      ['report.issue', report.number],
    ]);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const later = (await accessLog({ filter: { from: future } })).data!.subject.accessLog;
    expect(later.edges).toEqual([]);
    expect(later.anonymousVerifications).toEqual([]);
    const listed = (await accessLog({ first: 100, filter: { includeAnonymousVerifications: true } })).data!.subject
      .accessLog;
    expect(listed.edges.filter((e: { node: Node }) => e.node.action === 'report.verify')).toHaveLength(VERIFICATIONS);
  });

  it('keeps the old shape working and refuses bad arguments with the field', async () => {
    const old = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { accessLog { entries { actor role action at } } } }`,
      { c: subject.creditCode },
      subject.token,
    );
    expect(old.errors).toBeUndefined();
    expect(old.data!.subject.accessLog.entries.length).toBeGreaterThanOrEqual(3);
    const badCursor = await accessLog({ after: 'bm90LWEtY3Vyc29y' });
    expect([errorCode(badCursor), badCursor.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'after']);
    const badFrom = await accessLog({ filter: { from: 'yesterday' } });
    expect([errorCode(badFrom), badFrom.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'filter.from']);
    const tooMany = await accessLog({ first: 500 });
    expect([errorCode(tooMany), tooMany.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', 'first']);
    const other = await tokenFor({ role: 'SUBJECT', creditCode: '91520100210000754L' });
    expect(errorCode(await accessLog({}, other))).toBe('FORBIDDEN');
  });
});

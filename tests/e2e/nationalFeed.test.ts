import { PassThrough } from 'node:stream';
import { createLogger, makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor, type GqlResponse } from '@credit/shared/test';
import { EXPORT_CONTEXT, exportNationalFeed } from '@credit/entities';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

// Cross-province (plan 三(五)): out-of-province subjects active in Guizhou are shared with the national
// platform, and such a subject gets its Guizhou report through an operator at a service window.
let p: Platform;
let lead: string;
let national: string;
const serial = 73_000_000 + Math.floor(Math.random() * 1_000_000);
const sichuan = [0, 1, 2].map((i) => makeCreditCode('91', '510100', serial + i * 7));
const beijing = makeCreditCode('91', '110105', serial + 50);
const guizhou = makeCreditCode('91', '520100', serial + 60);
const UPSERT = 'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created updated } }';
const FEED = `query($first: Int, $after: String, $since: String) {
  nationalSubjectFeed(first: $first, after: $after, changedSince: $since) {
    edges { cursor node { creditCode name kind legalRepresentative registrationRegionCode guizhouRegionCode status updatedAt } }
    pageInfo { hasNextPage endCursor } } }`;

const enterprise = (creditCode: string, name: string, regionCode = '520100') => ({
  creditCode,
  kind: 'ENTERPRISE',
  name,
  legalRepresentative: '欧阳明华',
  regionCode,
  registrationAuthority: '成都市市场监督管理局',
  establishedOn: '2012-03-01',
});

beforeAll(async () => {
  p = await startPlatform([entities, records, reports]);
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  national = await tokenFor({ role: 'PARTNER', partnerId: 'national', province: '100000', scopes: ['national-feed'] });
  const r = await gql(
    p.gatewayUrl,
    UPSERT,
    {
      s: [
        ...sichuan.map((c, i) => enterprise(c, `四川蜀道建设有限公司${serial}-${i}`, i === 2 ? '520300' : '520100')),
        enterprise(beijing, `北京中关村科技有限公司${serial}`),
        enterprise(guizhou, `贵州本地建材有限公司${serial}`),
        { creditCode: '110105198506150016', kind: 'NATURAL_PERSON', name: '张三丰', regionCode: '520100' },
      ],
    },
    lead,
  );
  expect(r.errors).toBeUndefined();
});
afterAll(() => p.stop());

async function wholeFeed(token: string, since?: string, first = 2) {
  const codes: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const r: GqlResponse = await gql(p.gatewayUrl, FEED, { first, after, since }, token);
    expect(r.errors).toBeUndefined();
    const feed: {
      edges: { node: { creditCode: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } = r.data!.nationalSubjectFeed;
    codes.push(...feed.edges.map((e) => e.node.creditCode));
    if (!feed.pageInfo.hasNextPage) break;
    after = feed.pageInfo.endCursor;
  }
  return codes;
}

describe('the national feed of out-of-province subjects', () => {
  it('lists only out-of-province organisations, with the standard basic fields and the representative masked', async () => {
    const r = await gql(p.gatewayUrl, FEED, { first: 100 }, national);
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.nationalSubjectFeed.edges.map((e: { node: Record<string, string> }) => e.node);
    expect(nodes.map((n: { creditCode: string }) => n.creditCode).sort()).toEqual([...sichuan, beijing].sort());
    expect(nodes.find((n: { creditCode: string }) => n.creditCode === sichuan[2])).toMatchObject({
      kind: 'ENTERPRISE',
      legalRepresentative: '欧**华',
      registrationRegionCode: '510100',
      guizhouRegionCode: '520300',
      status: 'ACTIVE',
    });
    // Oldest change first.
    const times = nodes.map((n: { updatedAt: string }) => n.updatedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('pages with cursors without repeating or skipping, and resumes with changedSince', async () => {
    const paged = await wholeFeed(national, undefined, 2);
    expect(paged.sort()).toEqual([...sichuan, beijing].sort());
    expect(new Set(paged).size).toBe(paged.length);

    // Updates are stamped in whole seconds and changedSince is inclusive: step past the earlier writes' second.
    await new Promise((r) => setTimeout(r, 1100));
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const changed = await gql(
      p.gatewayUrl,
      UPSERT,
      { s: [{ ...enterprise(beijing, `北京中关村科技有限公司${serial}（更名）`) }] },
      lead,
    );
    expect(changed.data!.upsertSubjects.updated).toBe(1);
    expect(await wholeFeed(national, mark, 1)).toEqual([beijing]);

    const bad = await gql(p.gatewayUrl, FEED, { since: 'yesterday' }, national);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changedSince' });
    const badCursor = await gql(p.gatewayUrl, FEED, { after: 'nonsense' }, national);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorCode(await gql(p.gatewayUrl, FEED, { first: 101 }, national))).toBe('BAD_USER_INPUT');
  });

  it('is for the national platform (and the lead department) only, and every read is audited', async () => {
    expect(errorCode(await gql(p.gatewayUrl, FEED, {}))).toBe('UNAUTHENTICATED');
    const otherProvince = await tokenFor({ role: 'PARTNER', partnerId: 'sc', province: '510000' });
    expect(errorCode(await gql(p.gatewayUrl, FEED, {}, otherProvince))).toBe('FORBIDDEN');
    for (const claims of [
      { role: 'SUBJECT' as const, creditCode: sichuan[0] },
      { role: 'ANALYST' as const },
      { role: 'OPERATOR' as const, operatorId: 'w1', channel: 'SERVICE_WINDOW' },
    ])
      expect(errorCode(await gql(p.gatewayUrl, FEED, {}, await tokenFor(claims)))).toBe('FORBIDDEN');
    expect((await gql(p.gatewayUrl, FEED, { first: 1 }, lead)).errors).toBeUndefined();

    // The subject sees that the national platform read it.
    const own = await tokenFor({ role: 'SUBJECT', creditCode: sichuan[1] });
    const log = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { accessLog(first: 50, filter: { actions: ["subject.nationalFeed"] }) {
        edges { node { actor role action } } } } }`,
      { c: sichuan[1] },
      own,
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data!.subject.accessLog.edges.map((e: { node: unknown }) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ actor: 'partner:100000/national', role: 'PARTNER' });
  });

  it('exports the same subjects as JSON Lines, audited per subject', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const progress: number[] = [];
    const db = p.subgraphs.entities.app.services.db;
    const summary = await exportNationalFeed(db, out, EXPORT_CONTEXT('export-test', createLogger('test', 'silent')), {
      batch: 2,
      onProgress: (n) => progress.push(n),
    });
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { creditCode: string; legalRepresentative: string });
    expect(lines.map((l) => l.creditCode).sort()).toEqual([...sichuan, beijing].sort());
    expect(lines.every((l) => l.legalRepresentative === '欧**华')).toBe(true);
    expect(summary).toMatchObject({ subjects: 4, pages: 2 });
    expect(progress).toEqual([2, 4]);
    const trail = await gql(
      p.gatewayUrl,
      'query { auditTrail(filter: { action: "subject.nationalExport", first: 20 }) { entries { actor subjectCode } } }',
      {},
      lead,
    );
    const audited = trail.data!.auditTrail.entries.map((e: { subjectCode: string }) => e.subjectCode).sort();
    expect(audited).toEqual([...sichuan, beijing].sort());
    expect(trail.data!.auditTrail.entries[0].actor).toBe('service:national-export');

    const incremental = new PassThrough();
    let more = '';
    incremental.on('data', (c: Buffer) => (more += c.toString('utf8')));
    const next = await exportNationalFeed(
      db,
      incremental,
      EXPORT_CONTEXT('export-test-2', createLogger('test', 'silent')),
      {
        changedSince: summary.lastChange!,
      },
    );
    // The last exported change is included again (changedSince is inclusive); nothing older is.
    expect(next.subjects).toBe(1);
    expect(JSON.parse(more.trim()).creditCode).toBe(lines.at(-1)!.creditCode);
  });
});

describe("an out-of-province subject's Guizhou report", () => {
  it('is issued by an operator at a service window, printed with its code, and verifies', async () => {
    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'gy-window-07', channel: 'SERVICE_WINDOW' });
    const ISSUE = `mutation($i: IssueReportInput!) { issueReport(input: $i) { number verificationCode channel creditCode domains { code outcome } } }`;
    const online = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: { creditCode: sichuan[0], scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D04'] } },
      operator,
    );
    expect(online.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.channel' });

    const r = await gql(
      p.gatewayUrl,
      ISSUE,
      {
        i: {
          creditCode: sichuan[0],
          scenario: 'BIDDING_PROCUREMENT',
          channel: 'SERVICE_WINDOW',
          domains: ['D04', 'D07'],
          windowAuthorization: {
            basis: 'AUTHORISED_AGENT',
            personName: '王小刚',
            idDocumentType: 'RESIDENT_ID_CARD',
            idDocumentNumber: '52010219900101123X',
            powerOfAttorney: '2026年12月1日授权委托书',
          },
        },
      },
      operator,
    );
    expect(r.errors).toBeUndefined();
    const report = r.data!.issueReport;
    expect(report).toMatchObject({
      channel: 'SERVICE_WINDOW',
      domains: [
        { code: 'D04', outcome: 'NO_RECORD' },
        { code: 'D07', outcome: 'NO_RECORD' },
      ],
    });
    expect(report.verificationCode).toMatch(/\S{6,}/);

    const v = await gql(
      p.gatewayUrl,
      'query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic status creditCode channel } }',
      { n: report.number, c: report.verificationCode },
    );
    expect(v.data!.verifyReport).toMatchObject({
      authentic: true,
      status: 'ISSUED',
      creditCode: sichuan[0],
      channel: 'SERVICE_WINDOW',
    });

    // The subject finds it among its own reports, and the operator's act is in the audit trail.
    const own = await tokenFor({ role: 'SUBJECT', creditCode: sichuan[0] });
    const mine = await gql(
      p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { reports { number } } }',
      { c: sichuan[0] },
      own,
    );
    expect(mine.data!.subject.reports.map((x: { number: string }) => x.number)).toContain(report.number);
    const trail = await gql(
      p.gatewayUrl,
      'query($c: String!) { auditTrail(filter: { subjectCode: $c, action: "report.issue", first: 5 }) { entries { actor role } } }',
      { c: sichuan[0] },
      lead,
    );
    expect(trail.data!.auditTrail.entries[0]).toMatchObject({ actor: 'operator:gy-window-07', role: 'OPERATOR' });
  });
});

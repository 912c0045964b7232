import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, startPlatform, type Platform } from '../platform';

/**
 * A subject's history says how many records its filter matches on all pages (`records.totalCount`), so a
 * client pages "第 51–100 条，共 N 条": the same on every page, under the caller's scope (a source unit
 * counts only its domains).
 */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform([entities, records], { SEED_DEMO: 'true' });
});
afterAll(() => p.stop());

const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
const run = `${process.pid}${Date.now().toString(36)}`;
const creditCode = makeCreditCode('91', '520100', 71_000_000 + (process.pid % 100_000));

const row = (i: number, over: Record<string, unknown> = {}) => ({
  decisionNumber: `黔市监罚〔T${run}〕${i}号`,
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode,
  subjectName: '贵阳分页总数测试有限公司',
  violationType: '虚假广告',
  facts: '经查属实',
  legalBasis: '《广告法》第五十五条',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款',
  fineAmount: '1000',
  decisionDate: daysAgo(10 + i),
  decidingAuthority: '贵州省市场监督管理局',
  decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
  regionCode: '520100',
  ...over,
});

const HISTORY = `query($c: String!, $first: Int, $after: String, $domains: [String!], $categories: [RecordCategory!]) {
  subject(creditCode: $c) { records(first: $first, after: $after, domains: $domains, categories: $categories) {
    totalCount edges { node { decisionNumber } } pageInfo { hasNextPage endCursor } } } }`;

interface Page {
  totalCount: number;
  edges: { node: { decisionNumber: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function submit(rows: ReturnType<typeof row>[], unitCode: string, domain: string) {
  const r = await gql(
    p.gatewayUrl,
    'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created results { reasons { field code } } } }',
    { r: rows },
    await tokenFor({ role: 'SOURCE_UNIT', unitCode, domains: [domain] }),
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.submitRecords.created).toBe(rows.length);
}

describe('the history total (records.totalCount) through the gateway', () => {
  beforeAll(async () => {
    const up = await gql(
      p.gatewayUrl,
      'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
      {
        s: [
          { creditCode, kind: 'ENTERPRISE', name: '贵阳分页总数测试有限公司', regionCode: '520100', status: 'ACTIVE' },
        ],
      },
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    );
    expect(up.data!.upsertSubjects.created).toBe(1);
    // 7 D07 penalties, 2 D07 coercive measures, 3 D14 penalties.
    await submit(
      [
        ...Array.from({ length: 7 }, (_, i) => row(i)),
        ...[7, 8].map((i) =>
          row(i, {
            category: 'ADMINISTRATIVE_COERCION',
            penaltyTypes: ['查封场所、设施或者财物'],
            fineAmount: undefined,
          }),
        ),
      ],
      'GZ-D07',
      'D07',
    );
    await submit(
      [9, 10, 11].map((i) => row(i, { domainCode: 'D14', decidingAuthority: '国家税务总局贵州省税务局' })),
      'GZ-D14',
      'D14',
    );
  });

  it('counts the whole filter on every page, and the pages add up to it', async () => {
    const subject = await tokenFor({ role: 'SUBJECT', creditCode });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const vars: Record<string, unknown> = { c: creditCode, first: 5, after };
      const r = await gql<{ subject: { records: Page } }>(p.gatewayUrl, HISTORY, vars, subject);
      expect(r.errors).toBeUndefined();
      const page: Page = r.data!.subject.records;
      expect(page.totalCount).toBe(12);
      seen.push(...page.edges.map((e) => e.node.decisionNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(12);

    const count = async (vars: Record<string, unknown>) => {
      const r = await gql(p.gatewayUrl, HISTORY, { c: creditCode, first: 1, ...vars }, subject);
      expect(r.errors).toBeUndefined();
      return r.data!.subject.records.totalCount as number;
    };
    expect(await count({ domains: ['D07'] })).toBe(9);
    expect(await count({ domains: ['D14'] })).toBe(3);
    expect(await count({ categories: ['ADMINISTRATIVE_COERCION'] })).toBe(2);
    expect(await count({ domains: ['D07'], categories: ['ADMINISTRATIVE_PENALTY'] })).toBe(7);
    expect(await count({ domains: ['D30'] })).toBe(0);
  });

  it("counts only a source unit's domains, and refuses another subject", async () => {
    const d14 = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D14', domains: ['D14'] });
    const r = await gql(p.gatewayUrl, HISTORY, { c: creditCode, first: 50 }, d14);
    expect(r.errors).toBeUndefined();
    expect(r.data!.subject.records.totalCount).toBe(3);
    expect(r.data!.subject.records.edges).toHaveLength(3);

    const other = await tokenFor({ role: 'SUBJECT', creditCode: makeCreditCode('91', '520100', 71_900_000) });
    const refused = await gql(p.gatewayUrl, HISTORY, { c: creditCode, first: 5 }, other);
    expect(errorCode(refused)).toBe('FORBIDDEN');
  });
});

import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, startPlatform, type Platform } from '../platform';

let p: Platform;
beforeAll(async () => {
  p = await startPlatform([entities, records], { SEED_DEMO: 'true' });
});
afterAll(() => p.stop());

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
const run = `${process.pid}${Date.now().toString(36)}`;
const authority = makeCreditCode('11', '520000', 11_200_000);

const row = (i: number, over: Record<string, unknown> = {}) => ({
  decisionNumber: `黔市监罚〔E${run}〕${i}号`,
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode: makeCreditCode('91', '520100', 70_000_000 + i * 3),
  subjectName: `测试公司${i}`,
  violationType: '虚假广告',
  facts: '经查属实',
  legalBasis: '《广告法》第五十五条',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款',
  fineAmount: '1000',
  decisionDate: daysAgo(1 + (i % 300)),
  decidingAuthority: '贵州省市场监督管理局',
  decidingAuthorityCode: authority,
  regionCode: '520100',
  ...over,
});

const SUBMIT = `mutation($records: [RecordInput!]!) { submitRecords(records: $records) { created updated unchanged excluded rejected results { index verdict reasons { field code } } } }`;

describe('records through the gateway', () => {
  it('takes 1,000 valid and 10 invalid rows, and the same batch again creates nothing', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const valid = Array.from({ length: 1000 }, (_, i) => row(i));
    const invalid = Array.from({ length: 10 }, (_, i) =>
      row(5000 + i, i % 2 ? { decisionDate: '2019-06-30' } : { fineAmount: '-1' }),
    );
    const countRows = () =>
      p.subgraphs.records.app.dataSource
        .query('SELECT COUNT(*) AS n FROM violation_record')
        .then((r: { n: string | number }[]) => Number(r[0].n));
    // The API takes at most 1,000 rows per call, so the unit sends its 1,010-row batch in two calls (as the importer does).
    const batch = [...valid.slice(0, 500), ...invalid, ...valid.slice(500)];
    const send = async () => {
      const results: { verdict: string; reasons: { code: string }[] }[] = [];
      for (const part of [batch.slice(0, 505), batch.slice(505)]) {
        const r = await gql(p.gatewayUrl, SUBMIT, { records: part }, unit);
        expect(r.errors).toBeUndefined();
        results.push(...r.data!.submitRecords.results);
      }
      const count = (v: string) => results.filter((r) => r.verdict === v).length;
      return { results, created: count('CREATED'), unchanged: count('UNCHANGED'), rejected: count('REJECTED') };
    };
    const before = await countRows();
    const first = await send();
    expect(first).toMatchObject({ created: 1000, rejected: 10, unchanged: 0 });
    const rejected = first.results.filter((r) => r.verdict === 'REJECTED');
    expect(rejected.map((r) => r.reasons[0].code).sort()).toEqual([
      ...Array(5).fill('DATE_BEFORE_2020'),
      ...Array(5).fill('NEGATIVE_AMOUNT'),
    ]);
    expect(await countRows()).toBe(before + 1000);

    const again = await send();
    expect(again.results).toHaveLength(1010);
    expect(again).toMatchObject({ created: 0, unchanged: 1000, rejected: 10 });
    expect(await countRows()).toBe(before + 1000);

    const tooMany = await gql(p.gatewayUrl, SUBMIT, { records: batch }, unit);
    expect(tooMany.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'records',
      max: 1000,
      got: 1010,
    });
  });

  it('excludes 处罚类别 其他 + 处罚内容 依法不予行政处罚 as LAWFULLY_NOT_PUNISHED, and keeps a near miss', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const notPunished = (i: number, penaltyContent: string) =>
      row(i, { penaltyTypes: ['其他'], penaltyContent, fineAmount: null });
    const r = await gql(
      p.gatewayUrl,
      SUBMIT,
      {
        records: [
          notPunished(9100, '依法不予行政处罚'),
          notPunished(9101, '经研究，决定不予行政处罚'),
          notPunished(9102, '对违法行为一不予处罚，对违法行为二给予警告'),
        ],
      },
      unit,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.submitRecords).toMatchObject({ created: 1, excluded: 2, rejected: 0 });
    expect(r.data!.submitRecords.results).toEqual([
      { index: 0, verdict: 'EXCLUDED', reasons: [{ field: 'penaltyContent', code: 'LAWFULLY_NOT_PUNISHED' }] },
      { index: 1, verdict: 'EXCLUDED', reasons: [{ field: 'penaltyContent', code: 'LAWFULLY_NOT_PUNISHED' }] },
      { index: 2, verdict: 'CREATED', reasons: [] },
    ]);
    const stored = await p.subgraphs.records.app.dataSource.query(
      'SELECT decisionNumber FROM violation_record WHERE decisionNumber IN (?, ?, ?)',
      [9100, 9101, 9102].map((i) => row(i).decisionNumber),
    );
    expect(stored).toEqual([{ decisionNumber: row(9102).decisionNumber }]);
  });

  it("does not let a unit write another unit's domain", async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const r = await gql(p.gatewayUrl, SUBMIT, { records: [row(9000, { domainCode: 'D14' })] }, unit);
    expect(r.data!.submitRecords.results[0]).toMatchObject({
      verdict: 'REJECTED',
      reasons: [{ field: 'domainCode', code: 'DOMAIN_NOT_ALLOWED' }],
    });
  });

  it("joins a subject's five-year history per domain onto the entities subject, repaired ones labelled", async () => {
    const [withRepair] = await p.subgraphs.records.app.dataSource.query(
      `SELECT creditCode FROM violation_record WHERE status = 'REPAIRED' AND decisionDate >= ? GROUP BY creditCode ORDER BY COUNT(*) DESC LIMIT 1`,
      [daysAgo(5 * 365 - 10)],
    );
    const code = withRepair.creditCode as string;
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const q = `query($code: String!) { subject(creditCode: $code) { creditCode name
      recordSummary { from to records repaired domains { domainCode records repaired } }
      records(first: 100) { edges { node { domainCode decisionDate status repaired repairedAt } } pageInfo { hasNextPage } } } }`;
    const r = await gql(p.gatewayUrl, q, { code }, lead);
    expect(r.errors).toBeUndefined();
    const s = r.data!.subject;
    expect(s.name).toBeTruthy();
    expect(s.recordSummary.to).toBe(today);
    expect(s.recordSummary.repaired).toBeGreaterThan(0);
    const nodes: {
      domainCode: string;
      decisionDate: string;
      repaired: boolean;
      status: string;
      repairedAt: string | null;
    }[] = s.records.edges.map((e: { node: unknown }) => e.node);
    expect(s.records.pageInfo.hasNextPage).toBe(false);
    const perDomain = new Map<string, { records: number; repaired: number }>();
    for (const n of nodes) {
      const d = perDomain.get(n.domainCode) ?? { records: 0, repaired: 0 };
      d.records++;
      if (n.repaired) d.repaired++;
      perDomain.set(n.domainCode, d);
    }
    expect(s.recordSummary.domains).toEqual(
      [...perDomain]
        .map(([domainCode, v]) => ({ domainCode, ...v }))
        .sort((a, b) => a.domainCode.localeCompare(b.domainCode)),
    );
    expect(nodes.filter((n) => n.repaired).every((n) => n.status === 'REPAIRED' && n.repairedAt)).toBe(true);
    expect(nodes.every((n) => n.decisionDate >= s.recordSummary.from && n.status !== 'REVOKED')).toBe(true);
    expect([...nodes].sort((a, b) => b.decisionDate.localeCompare(a.decisionDate)).map((n) => n.decisionDate)).toEqual(
      nodes.map((n) => n.decisionDate),
    );
  });

  it("gives an analyst aggregates and no identities, and refuses the analyst a subject's records", async () => {
    const analyst = await tokenFor({ role: 'ANALYST' });
    const r = await gql(
      p.gatewayUrl,
      `{ recordStatistics { records repaired byDomain { key records } byRegion { key records } byCategory { key records } byMonth { key records } } }`,
      {},
      analyst,
    );
    expect(r.errors).toBeUndefined();
    const stats = r.data!.recordStatistics;
    expect(stats.byDomain.length).toBeGreaterThan(20);
    expect(stats.byCategory.map((b: { key: string }) => b.key).sort()).toEqual([
      'ADMINISTRATIVE_COERCION',
      'ADMINISTRATIVE_PENALTY',
      'CRIMINAL_JUDGMENT',
      'SERIOUS_DISHONESTY_LIST',
    ]);
    expect(JSON.stringify(stats)).not.toMatch(/[0-9A-HJ-NPQRTUWXY]{18}/);
    const code = makeCreditCode('91', '520100', 70_000_000);
    const denied = await gql(
      p.gatewayUrl,
      `query($code: String!) { subject(creditCode: $code) { records { edges { node { id } } } } }`,
      { code },
      analyst,
    );
    expect(errorCode(denied)).toBe('FORBIDDEN');
  });

  it('accepts a record naming its subject otherwise than the register, and lists it for the unit and the lead department', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    // The demo register has 91520100210000754L as 贵阳乌江医药有限公司.
    const named = (name: string) => row(900_001, { creditCode: '91520100210000754L', subjectName: name });
    const first = await gql(p.gatewayUrl, SUBMIT, { records: [named('贵阳乌江医药公司')] }, unit);
    expect(first.data!.submitRecords).toMatchObject({ created: 1, rejected: 0 });

    const LIST = `{ recordNameMismatches(first: 500) { recordId unitCode decisionNumber submittedName registeredName } }`;
    const mine = await gql(p.gatewayUrl, LIST, {}, unit);
    expect(mine.errors).toBeUndefined();
    const listed = mine.data!.recordNameMismatches.find((m: any) => m.decisionNumber === named('').decisionNumber);
    expect(listed).toMatchObject({
      unitCode: 'GZ-D07',
      submittedName: '贵阳乌江医药公司',
      registeredName: '贵阳乌江医药有限公司',
    });
    const other = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D14', domains: ['D14'] });
    expect(
      errorCode(await gql(p.gatewayUrl, `{ recordNameMismatches(unitCode: "GZ-D07") { recordId } }`, {}, other)),
    ).toBe('FORBIDDEN');
    const warnings = await gql(
      p.gatewayUrl,
      `query($f: String!, $t: String!) { recordQualityWarnings(from: $f, to: $t) { nameMismatches { unitCode records } } }`,
      { f: today, t: today },
      lead,
    );
    expect(warnings.data!.recordQualityWarnings.nameMismatches).toContainEqual({
      unitCode: 'GZ-D07',
      records: expect.any(Number),
    });

    // Corrected to the registered name (brackets of either width are the same name): no longer listed.
    const fixed = await gql(p.gatewayUrl, SUBMIT, { records: [named('贵阳乌江医药有限公司')] }, unit);
    expect(fixed.data!.submitRecords).toMatchObject({ updated: 1 });
    const after = await gql(p.gatewayUrl, LIST, {}, lead);
    expect(after.data!.recordNameMismatches.map((m: any) => m.recordId)).not.toContain(listed.recordId);
  });

  it('keeps the internal API out of the gateway', async () => {
    const service = await tokenFor({ role: 'SERVICE', service: 'reports' });
    const r = await gql(
      p.gatewayUrl,
      `{ internalRecordsForSnapshot(creditCode: "x", domains: [], from: "2020-01-01", to: "2020-01-02") { id } }`,
      {},
      service,
    );
    expect(errorCode(r)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

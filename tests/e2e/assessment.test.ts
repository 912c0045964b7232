import ExcelJS from 'exceljs';
import { chinaDate, makeCreditCode, quarterOf } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

let p: Platform;
let lead: string;
let origin: string;
const run = Date.now() % 1_000_000;
const today = chinaDate();
const QUARTER = quarterOf(today);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
const SUBJECT = {
  creditCode: makeCreditCode('91', '520100', 82_000_000 + run),
  kind: 'ENTERPRISE',
  name: `评估测试建材有限公司${run}`,
  legalRepresentative: '李建国',
  regionCode: '520100',
  registrationAuthority: '贵阳市市场监督管理局',
  establishedOn: '2016-03-01',
  status: 'ACTIVE',
};
const record = (n: number, decisionDaysAgo: number, extra: Record<string, unknown> = {}) => ({
  decisionNumber: `筑市监罚〔A${run}〕${n}号`,
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode: SUBJECT.creditCode,
  subjectName: SUBJECT.name,
  subjectType: 'LEGAL_ENTITY',
  violationType: '虚假宣传',
  facts: '经查属实',
  legalBasis: '《反不正当竞争法》第八条',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款2000元',
  fineAmount: '2000',
  decisionDate: daysAgo(decisionDaysAgo),
  decidingAuthority: '贵阳市市场监督管理局',
  decidingAuthorityCode: makeCreditCode('11', '520100', 11_300_000),
  regionCode: '520100',
  ...extra,
});

const ASSESS = `query($q: String!, $r: String) { assessment(quarter: $q, regionCode: $r) {
  quarter from to regionCode reportsIssued reportsByScenario { key count }
  reportsVerified reportsVerifiedByScenario { key count } complaintsByKind { key count }
  units { rank score unitCode name regionCode rowsSubmitted accepted rejected rejectionRate newRecords lateRows timeliness
    conformance objections objectionsOverdue complaints { key count } certificateStillDemanded rectified warnings }
  regions { rank score regionCode units rowsSubmitted reportsIssued certificateStillDemanded warnings } } }`;

beforeAll(async () => {
  p = await startPlatform([entities, records, reports, objections], { SEED_DEMO: 'false' });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  await registerSourceUnits(p, ['GZ-520100-D07', 'GZ-520300-D07', 'GZ-D07']);
  const up = await gql(
    p.gatewayUrl,
    `mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }`,
    { s: [SUBJECT] },
    lead,
  );
  expect(up.errors).toBeUndefined();
  const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] });
  // Two in time, one late (decided 40 days ago), one rejected (a decision in the future).
  const sub = await gql(
    p.gatewayUrl,
    `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created rejected } }`,
    { r: [record(1, 1), record(2, 2), record(3, 40), record(4, -3)] },
    unit,
  );
  expect(sub.data!.submitRecords).toEqual({ created: 3, rejected: 1 });
  // Three 应替未替 complaints about offices GZ-520100-D07 supervises: concentrated guidance.
  const owner = await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT.creditCode });
  for (let i = 0; i < 3; i++) {
    const f = await gql(
      p.gatewayUrl,
      `mutation($i: FileFeedbackInput!) { fileFeedback(input: $i) { feedback { id } } }`,
      {
        i: {
          kind: 'CERTIFICATE_STILL_DEMANDED',
          content: `第${i + 1}次被要求提供无违法违规证明`,
          office: { name: `贵阳市某局窗口${i}`, supervisingUnitCode: 'GZ-520100-D07' },
          matter: '资质审批',
          demandedOn: today,
        },
      },
      owner,
    );
    expect(f.errors).toBeUndefined();
    const fwd = await gql(
      p.gatewayUrl,
      `mutation($id: ID!) { forwardFeedback(input: { id: $id }) { status } }`,
      { id: f.data!.fileFeedback.feedback.id },
      lead,
    );
    expect(fwd.errors).toBeUndefined();
  }
  const consult = await gql(
    p.gatewayUrl,
    `mutation { fileFeedback(input: { kind: CONSULTATION, content: "报告如何下载？", contact: { email: "q@example.com" } }) { accessCode } }`,
  );
  expect(consult.errors).toBeUndefined();
  const issued = await gql(
    p.gatewayUrl,
    `mutation($c: String!) { issueReport(input: { creditCode: $c, scenario: BIDDING_PROCUREMENT, channel: WEBSITE, domains: ["D07"] }) { number verificationCode } }`,
    { c: SUBJECT.creditCode },
    owner,
  );
  expect(issued.errors).toBeUndefined();
  // A report user checks it twice: the assessment counts verifications per scenario.
  for (let i = 0; i < 2; i++) {
    const v = await gql(
      p.gatewayUrl,
      `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic } }`,
      { n: issued.data!.issueReport.number, c: issued.data!.issueReport.verificationCode },
    );
    expect(v.data!.verifyReport.authentic).toBe(true);
  }
});
afterAll(() => p.stop());

describe('quarterly assessment through the gateway', () => {
  it('brings records, objections, complaints and reports together per unit and region, with rank and warnings', async () => {
    const r = await gql(p.gatewayUrl, ASSESS, { q: QUARTER }, lead);
    expect(r.errors).toBeUndefined();
    const a = r.data!.assessment;
    expect(a).toMatchObject({ quarter: QUARTER, to: today, regionCode: null, reportsIssued: 1 });
    expect(a.reportsByScenario).toEqual([{ key: 'BIDDING_PROCUREMENT', count: 1 }]);
    expect(a.reportsVerified).toBe(2);
    expect(a.reportsVerifiedByScenario).toEqual([{ key: 'BIDDING_PROCUREMENT', count: 2 }]);
    expect(a.complaintsByKind).toEqual(
      expect.arrayContaining([
        { key: 'CERTIFICATE_STILL_DEMANDED', count: 3 },
        { key: 'CONSULTATION', count: 1 },
      ]),
    );
    const byCode = Object.fromEntries(a.units.map((u: any) => [u.unitCode, u]));
    const gy = byCode['GZ-520100-D07'];
    expect(gy).toMatchObject({
      regionCode: '520100',
      rowsSubmitted: 4,
      accepted: 3,
      rejected: 1,
      rejectionRate: 0.25,
      newRecords: 3,
      lateRows: 1,
      timeliness: 0.667,
      conformance: 0.75,
      certificateStillDemanded: 3,
      rectified: 0,
    });
    expect(gy.warnings).toEqual(
      expect.arrayContaining(['LATE_SUBMISSIONS', 'HIGH_REJECTION_RATE', 'FREQUENT_CERTIFICATE_DEMANDS']),
    );
    // (66.7 + 75) / 2 − 3 × 5 = 55.9
    expect(gy.score).toBe(55.9);
    expect(byCode['GZ-520300-D07']).toMatchObject({ score: 0, rowsSubmitted: 0, warnings: ['SILENT'] });
    expect(a.units.map((u: any) => u.rank)).toEqual(
      [...a.units.map((u: any) => u.rank)].sort((x, y) => (x ?? 99) - (y ?? 99)),
    );
    const gyRegion = a.regions.find((x: any) => x.regionCode === '520100');
    expect(gyRegion).toMatchObject({ units: 1, rowsSubmitted: 4, reportsIssued: 1, certificateStillDemanded: 3 });
    expect(gyRegion.warnings).toEqual(expect.arrayContaining(['LATE_SUBMISSIONS', 'FREQUENT_CERTIFICATE_DEMANDS']));
    expect(gyRegion.rank).toBeGreaterThan(0);
  });

  it('narrows to a region; analysts see the same aggregates; others and bad input are refused', async () => {
    const r = await gql(p.gatewayUrl, ASSESS, { q: QUARTER, r: '520300' }, await tokenFor({ role: 'ANALYST' }));
    expect(r.errors).toBeUndefined();
    expect(r.data!.assessment.units.map((u: any) => u.unitCode)).toEqual(['GZ-520300-D07']);
    expect(r.data!.assessment.regions.map((x: any) => x.regionCode)).toEqual(['520300']);
    for (const role of [
      await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT.creditCode }),
      await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] }),
      await tokenFor({ role: 'PARTNER', partnerId: 'sc', province: '510000' }),
    ])
      expect(errorCode(await gql(p.gatewayUrl, ASSESS, { q: QUARTER }, role))).toBe('FORBIDDEN');
    expect(errorCode(await gql(p.gatewayUrl, ASSESS, { q: QUARTER }))).toBe('UNAUTHENTICATED');
    for (const [vars, field] of [
      [{ q: '2026-Q3' }, 'quarter'],
      [{ q: '2099Q1' }, 'quarter'],
      [{ q: QUARTER, r: '52' }, 'regionCode'],
    ] as const) {
      const bad = await gql(p.gatewayUrl, ASSESS, vars, lead);
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('exports the assessment as CSV and XLSX through the gateway, for the lead department and analysts only', async () => {
    const get = (path: string, token?: string) =>
      fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const csv = await get(`/assessment/${QUARTER}.csv`, lead);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF层级,排名,代码,名称,地区,得分')).toBe(true);
    const gyLine = text.split('\r\n').find((l) => l.includes(',GZ-520100-D07,'))!;
    expect(gyLine).toContain('55.9');
    expect(gyLine).toContain('应替未替频发');

    const xlsx = await get(`/assessment/${QUARTER}.xlsx?regionCode=520100`, await tokenFor({ role: 'ANALYST' }));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain(`assessment-${QUARTER}-520100.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '单位', '地区']);
    expect(wb.getWorksheet('单位')!.getRow(2).getCell(3).value).toBe('GZ-520100-D07');
    expect(wb.getWorksheet('概况')!.getRow(1).values).toEqual([undefined, '季度', QUARTER]);

    expect((await get(`/assessment/${QUARTER}.csv`)).status).toBe(401);
    const subject = await get(
      `/assessment/${QUARTER}.csv`,
      await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT.creditCode }),
    );
    expect(subject.status).toBe(403);
    const bad = await get('/assessment/2026Q9.xlsx', lead);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'quarter' });
  });

  it('answers a malformed escape in an address as a bad address, never as a server error', async () => {
    const get = (path: string, token?: string) =>
      fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const quarter = await get('/assessment/%E0.csv', lead);
    expect(quarter.status).toBe(400);
    expect(await quarter.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'quarter' } }],
    });
    // Public pages of the gateway (console assets) and of entities (guides, passed through).
    expect((await get('/assets/%E0%A4%A')).status).toBe(404);
    expect((await get('/guides/%')).status).toBe(404);
  });
});

import { addDays, chinaDate, earliestNormalStart, makeCreditCode, quarterOf } from '@credit/shared';
import { errorCode, gql, tokenFor, usingMysql } from '@credit/shared/test';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

/**
 * The plan's default period is one rule (shared/src/contracts/period.ts) read through one variable,
 * MAX_REPORT_YEARS: a subject's history shown with no period and a report issued the same day with
 * no period cover the same dates, at the default and with the variable changed for the platform.
 */
const HISTORY = `query($c: String!) { subject(creditCode: $c) {
  recordSummary { from to records }
  records(first: 50) { edges { node { decisionNumber decisionDate } } }
} }`;
const ISSUE = `mutation($input: IssueReportInput!) { issueReport(input: $input) {
  periodFrom periodTo coverageFrom domains { code records { decisionNumber } }
} }`;

let serial = 83_000_000 + Math.floor(Math.random() * 1_000_000);
const run = `${process.pid}${Date.now().toString(36)}`;

async function subjectWithRecordsAround(p: Platform, firstDay: string) {
  serial += 11;
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const creditCode = makeCreditCode('91', '520100', serial);
  const name = `贵阳期间一致测试有限公司${serial}`;
  const up = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [{ creditCode, kind: 'ENTERPRISE', name, regionCode: '520100', status: 'ACTIVE' }] },
    lead,
  );
  expect(up.data!.upsertSubjects.created).toBe(1);
  // One record on the first day of the default period, one the day before, one recent.
  const dates = { first: firstDay, before: addDays(firstDay, -1), recent: addDays(chinaDate(), -3) };
  const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  const numbers: Record<string, string> = {};
  for (const [key, decisionDate] of Object.entries(dates)) {
    numbers[key] = `黔市监罚〔P${run}〕${serial}${key}号`;
    const r = await gql(
      p.gatewayUrl,
      'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created rejected } }',
      {
        r: [
          {
            decisionNumber: numbers[key],
            category: 'ADMINISTRATIVE_PENALTY',
            domainCode: 'D07',
            creditCode,
            subjectName: name,
            violationType: '未按规定公示',
            facts: '经查属实',
            legalBasis: '相关法规',
            penaltyTypes: ['警告'],
            penaltyContent: '警告',
            decisionDate,
            decidingAuthority: '贵阳市市场监督管理局',
            decidingAuthorityCode: makeCreditCode('11', '520100', 11_100_000),
            regionCode: '520100',
          },
        ],
      },
      unit,
    );
    expect(r.data!.submitRecords).toEqual({ created: 1, rejected: 0 });
  }
  return { creditCode, numbers, token: await tokenFor({ role: 'SUBJECT', creditCode }) };
}

async function historyAndReport(p: Platform, maxYears: number) {
  const today = chinaDate();
  const first = earliestNormalStart(today, maxYears);
  const s = await subjectWithRecordsAround(p, first);
  const history = await gql(p.gatewayUrl, HISTORY, { c: s.creditCode }, s.token);
  expect(history.errors).toBeUndefined();
  const issued = await gql(
    p.gatewayUrl,
    ISSUE,
    { input: { scenario: 'ADMINISTRATIVE_APPROVAL', channel: 'WEBSITE', domains: ['D07'] } },
    s.token,
  );
  expect(issued.errors).toBeUndefined();
  const summary = history.data!.subject.recordSummary;
  const report = issued.data!.issueReport;
  return {
    first,
    today,
    numbers: s.numbers,
    summary,
    report,
    listed: history.data!.subject.records.edges.map((e: { node: { decisionNumber: string } }) => e.node.decisionNumber),
    reported: report.domains[0].records.map((r: { decisionNumber: string }) => r.decisionNumber),
  };
}

function expectSameDates(r: Awaited<ReturnType<typeof historyAndReport>>) {
  // The same period, both ends.
  expect([r.summary.from, r.summary.to]).toEqual([r.report.coverageFrom, r.report.periodTo]);
  expect([r.report.periodFrom, r.report.periodTo]).toEqual([r.first, r.today]);
  // The same records: the first day is in both, the day before in neither.
  const inside = [r.numbers.recent, r.numbers.first];
  expect(r.listed).toEqual(inside);
  expect([...r.reported].sort()).toEqual([...inside].sort());
  expect(r.summary.records).toBe(2);
}

describe('history and report periods at the default MAX_REPORT_YEARS', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform([entities, records, reports]);
    await registerSourceUnits(p, ['GZ-D07']);
  });
  afterAll(() => p.stop());

  it('cover the same five years ending today', async () => {
    const r = await historyAndReport(p, 5);
    expectSameDates(r);
  });
});

describe('history and report periods with MAX_REPORT_YEARS=3 for the whole platform', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform([entities, records, reports], { MAX_REPORT_YEARS: '3' });
    await registerSourceUnits(p, ['GZ-D07']);
  });
  afterAll(() => p.stop());

  it('cover the same three years ending today', async () => {
    const r = await historyAndReport(p, 3);
    expect(r.first).toBe(earliestNormalStart(r.today, 3));
    expectSameDates(r);
  });
});

describe(`one period rule for dashboards (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform([entities, records, reports, objections], { SEED_DEMO: 'false' });
    await registerSourceUnits(p, ['GZ-D07']);
  });
  afterAll(() => p.stop());

  it('reads this whole year, or a start before 2020, as far as records go and today, and says so; issuance refuses', async () => {
    const today = chinaDate();
    const year = today.slice(0, 4);
    const [analyst, lead] = await Promise.all([tokenFor({ role: 'ANALYST' }), tokenFor({ role: 'LEAD_DEPARTMENT' })]);
    const ask = async (query: string, token: string) => {
      const r = await gql(p.gatewayUrl, query, {}, token);
      expect(r.errors).toBeUndefined();
      return r.data!;
    };
    const thisYear = `from: "${year}-01-01", to: "${year}-12-31"`;
    const longAgo = `from: "2015-01-01", to: "${year}-12-31"`;
    const effective = { from: `${year}-01-01`, to: today };
    const fromCoverage = { from: '2020-01-01', to: today };

    expect(
      (await ask(`{ recordStatistics(${thisYear}) { from to records } }`, analyst)).recordStatistics,
    ).toMatchObject(effective);
    expect((await ask(`{ recordStatistics(${longAgo}) { from to } }`, analyst)).recordStatistics).toEqual(fromCoverage);
    expect((await ask(`{ reportStatistics(${thisYear}) { from to total } }`, analyst)).reportStatistics).toMatchObject(
      effective,
    );
    expect((await ask(`{ reportStatistics(${longAgo}) { from to } }`, analyst)).reportStatistics).toEqual(fromCoverage);
    expect(
      (await ask(`{ recordQuality(${longAgo}, unitCode: "GZ-D07") { unitCode from to } }`, lead)).recordQuality,
    ).toEqual([{ unitCode: 'GZ-D07', ...fromCoverage }]);
    expect((await ask(`{ recordQualityWarnings(${thisYear}) { from to } }`, lead)).recordQualityWarnings).toEqual(
      effective,
    );
    // A quarter in progress runs to today, by the same rule.
    const quarter = quarterOf(today);
    expect((await ask(`{ assessment(quarter: "${quarter}") { quarter to } }`, lead)).assessment).toEqual({
      quarter,
      to: today,
    });

    // A period that has not begun holds nothing: refused, naming its start.
    const ahead = await gql(p.gatewayUrl, `{ recordStatistics(from: "${addDays(today, 1)}") { from } }`, {}, analyst);
    expect([errorCode(ahead), ahead.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'from']);

    // Issuance certifies the whole period: an end after today is refused.
    const creditCode = makeCreditCode('91', '520100', 84_000_000 + (Date.now() % 900_000));
    const up = await gql(
      p.gatewayUrl,
      'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
      {
        s: [
          {
            creditCode,
            kind: 'ENTERPRISE',
            name: `期间规则测试有限公司${creditCode.slice(-6)}`,
            regionCode: '520100',
            status: 'ACTIVE',
          },
        ],
      },
      lead,
    );
    expect(up.errors).toBeUndefined();
    const refused = await gql(
      p.gatewayUrl,
      ISSUE,
      {
        input: {
          scenario: 'ADMINISTRATIVE_APPROVAL',
          channel: 'WEBSITE',
          domains: ['D07'],
          periodFrom: `${year}-01-01`,
          periodTo: addDays(today, 1),
        },
      },
      await tokenFor({ role: 'SUBJECT', creditCode }),
    );
    expect([errorCode(refused), refused.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'input.periodTo']);
  });
});

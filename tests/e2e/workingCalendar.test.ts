import { AuditEntry, makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { createObjectionsApp, loadObjectionsEnv } from '@credit/objections';
import type { BootedSubgraph } from '@credit/shared';
import {
  entities,
  records,
  registerSourceUnits,
  startPlatform,
  type Platform,
  type SubgraphStarter,
} from '../platform';

// Objections' clock moves: filed on the last working day of 2026 (Thursday), judged weeks later.
let now = new Date('2026-12-31T02:00:00Z');
const objections: SubgraphStarter = {
  name: 'objections',
  create: (env) =>
    createObjectionsApp(loadObjectionsEnv(env), { clock: () => now }) as Promise<BootedSubgraph<unknown>>,
};

let p: Platform;
let complaintId: string;
let lead: string;
let unit: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, objections], { SEED_DEMO: 'false', OUTBOX_POLL_MS: '0' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
});
afterAll(() => p.stop());

const run = Date.now() % 1_000_000;
const SUBJECT = {
  creditCode: makeCreditCode('91', '520100', 70_000_000 + run),
  kind: 'ENTERPRISE',
  name: `日历测试建材有限公司${run}`,
  legalRepresentative: '王建国',
  regionCode: '520100',
  registrationAuthority: '贵阳市市场监督管理局',
  establishedOn: '2015-06-01',
  status: 'ACTIVE',
};

const CALENDAR = `query($y: Int!) { workingCalendar(year: $y) { year holidays makeupWorkdays notice version } }`;
const KNOWN = `{ workingCalendars { year notice version } workingCalendarCoverage { knownYears knownThrough daysKnownAhead short } }`;
const HISTORY = `query($y: Int!) { workingCalendarHistory(year: $y) { version notice holidays setBy } }`;
const SET = `mutation($y: Int!, $h: [String!]!, $m: [String!]!, $n: String!) {
  setWorkingCalendar(year: $y, holidays: $h, makeupWorkdays: $m, notice: $n) { year holidays makeupWorkdays notice version } }`;
const OBJECTION = `query($id: ID!) { objection(id: $id) { number status dueDate dueDateProvisional overdue } }`;
const OVERDUE = `{ overdueObjections { number } }`;
const COMPLAINT = `query($id: ID!) { feedback(id: $id) { dueDate dueDateProvisional overdue } }`;
const OVERDUE_COMPLAINTS = `{ overdueFeedback { number } }`;
const STATS = `{ objectionStatistics { total overdue } }`;

// A test arrangement, not the real 2027 notice: an invented holiday on Monday 2027-01-04.
const TEST_2027 = {
  y: 2027,
  h: ['2027-01-04', '2027-01-01'],
  m: ['2027-01-09'],
  n: '测试安排〔2027〕1号',
};

const health = async () => {
  const res = await fetch(p.subgraphs.entities.url.replace(/\/graphql$/, '/health/ready'));
  return { status: res.status, body: (await res.json()) as { status: string; warnings?: Record<string, string> } };
};

async function fileObjection(): Promise<string> {
  const up = await gql(
    p.gatewayUrl,
    `mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }`,
    { s: [SUBJECT] },
    lead,
  );
  expect(up.errors).toBeUndefined();
  await registerSourceUnits(p, ['GZ-D07']);
  const sub = await gql(
    p.gatewayUrl,
    `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created rejected } }`,
    {
      r: [
        {
          decisionNumber: `黔市监罚〔C${run}〕1号`,
          category: 'ADMINISTRATIVE_PENALTY',
          domainCode: 'D07',
          creditCode: SUBJECT.creditCode,
          subjectName: SUBJECT.name,
          subjectType: 'LEGAL_ENTITY',
          violationType: '虚假广告',
          facts: '经查属实',
          legalBasis: '《广告法》第五十五条',
          penaltyTypes: ['罚款'],
          penaltyContent: '罚款1000元',
          fineAmount: '1000',
          decisionDate: '2026-11-02',
          decidingAuthority: '贵州省市场监督管理局',
          decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
          regionCode: '520100',
        },
      ],
    },
    unit,
  );
  expect(sub.data!.submitRecords).toMatchObject({ created: 1, rejected: 0 });
  const owner = await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT.creditCode });
  const ids = await gql(
    p.gatewayUrl,
    `query($c: String!) { subject(creditCode: $c) { records(first: 5) { edges { node { id } } } } }`,
    { c: SUBJECT.creditCode },
    owner,
  );
  const recordId = ids.data!.subject.records.edges[0].node.id;
  const filed = await gql(
    p.gatewayUrl,
    `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
    { input: { recordId, reason: '罚款金额与处罚决定书不一致', type: 'RECORD_ERROR' } },
    owner,
  );
  expect(filed.errors).toBeUndefined();
  return filed.data!.fileObjection.id;
}

describe('the working-day calendar as data (entities), through the gateway', () => {
  it('is seeded with the shipped 2026 calendar and its notice, and 2027 is not known yet', async () => {
    const y2026 = await gql(p.gatewayUrl, CALENDAR, { y: 2026 }, lead);
    expect(y2026.data!.workingCalendar).toMatchObject({ year: 2026, notice: '国办发明电〔2025〕7号', version: 1 });
    expect(y2026.data!.workingCalendar.holidays).toContain('2026-10-01');
    expect(y2026.data!.workingCalendar.makeupWorkdays).toContain('2026-10-10');
    expect(errorCode(await gql(p.gatewayUrl, CALENDAR, { y: 2027 }, lead))).toBe('NOT_FOUND');
    const known = await gql(p.gatewayUrl, KNOWN, {}, lead);
    expect(known.data!.workingCalendarCoverage).toMatchObject({ knownYears: [2026], knownThrough: '2026-12-31' });
  });

  it('/health/ready warns when fewer than 60 days ahead are known, and stays ready', async () => {
    const known = await gql(p.gatewayUrl, KNOWN, {}, lead);
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body.status).not.toBe('not ready');
    // The wall clock decides how far ahead 2026-12-31 is; the warning follows the coverage.
    expect(Boolean(h.body.warnings?.workingCalendar)).toBe(known.data!.workingCalendarCoverage.short);
    const metrics = await (await fetch(p.subgraphs.entities.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(
      new RegExp(
        `^working_calendar_days_known_ahead\\{[^}]*\\} ${known.data!.workingCalendarCoverage.daysKnownAhead}$`,
        'm',
      ),
    );
  });

  it('refuses a bad arrangement with the offending field, and anyone but the lead department', async () => {
    const bad = async (vars: Partial<typeof TEST_2027>, token = lead) =>
      gql(p.gatewayUrl, SET, { ...TEST_2027, ...vars }, token);
    const outOfYear = await bad({ h: ['2026-12-31'] });
    expect(errorCode(outOfYear)).toBe('BAD_USER_INPUT');
    expect(outOfYear.errors![0].extensions!.field).toBe('holidays');
    const notADate = await bad({ m: ['2027-02-30'] });
    expect(notADate.errors![0].extensions!.field).toBe('makeupWorkdays');
    const overlap = await bad({ h: ['2027-01-01', '2027-01-09'] });
    expect(overlap.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'makeupWorkdays' });
    const weekday = await bad({ m: ['2027-01-06'] }); // a Wednesday is worked anyway
    expect(weekday.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'makeupWorkdays' });
    expect((await bad({ n: ' ' })).errors![0].extensions!.field).toBe('notice');
    expect((await bad({ y: 1999 })).errors![0].extensions!.field).toBe('year');
    expect(errorCode(await bad({}, unit))).toBe('FORBIDDEN');
    expect(errorCode(await bad({}, await tokenFor({ role: 'ANALYST' })))).toBe('FORBIDDEN');
    // Nothing of it was stored.
    expect(errorCode(await gql(p.gatewayUrl, CALENDAR, { y: 2027 }, lead))).toBe('NOT_FOUND');
  });

  it('a due date beyond the known years is provisional and not overdue; setting the year moves it', async () => {
    const id = await fileObjection();
    const consultation = await gql(
      p.gatewayUrl,
      `mutation { fileFeedback(input: { kind: CONSULTATION, content: "报告如何下载？", contact: { email: "q@example.com" } }) { feedback { id } } }`,
    );
    expect(consultation.errors).toBeUndefined();
    complaintId = consultation.data!.fileFeedback.feedback.id;
    // 5 working days from Thursday 2026-12-31 with 2027 unknown: Jan 1, 4, 5, 6, 7.
    expect((await gql(p.gatewayUrl, COMPLAINT, { id: complaintId }, lead)).data!.feedback).toEqual({
      dueDate: '2027-01-07',
      dueDateProvisional: true,
      overdue: false,
    });
    // Thursday 2026-12-31 + 2 working days, 2027 unknown: Friday 2027-01-01 counts, then Monday.
    let o = (await gql(p.gatewayUrl, OBJECTION, { id }, lead)).data!.objection;
    expect(o).toMatchObject({ status: 'SUBMITTED', dueDate: '2027-01-04', dueDateProvisional: true, overdue: false });

    now = new Date('2027-01-20T02:00:00Z');
    o = (await gql(p.gatewayUrl, OBJECTION, { id }, lead)).data!.objection;
    expect(o).toMatchObject({ dueDate: '2027-01-04', dueDateProvisional: true, overdue: false });
    const overdueBefore = (await gql(p.gatewayUrl, OVERDUE, {}, lead)).data!.overdueObjections;
    expect(overdueBefore.map((x: { number: string }) => x.number)).not.toContain(o.number);
    expect((await gql(p.gatewayUrl, STATS, {}, lead)).data!.objectionStatistics).toMatchObject({
      total: 1,
      overdue: 0,
    });
    expect((await gql(p.gatewayUrl, COMPLAINT, { id: complaintId }, lead)).data!.feedback.overdue).toBe(false);
    expect((await gql(p.gatewayUrl, OVERDUE_COMPLAINTS, {}, lead)).data!.overdueFeedback).toEqual([]);

    const set = await gql(p.gatewayUrl, SET, TEST_2027, lead);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setWorkingCalendar).toEqual({
      year: 2027,
      holidays: ['2027-01-01', '2027-01-04'],
      makeupWorkdays: ['2027-01-09'],
      notice: '测试安排〔2027〕1号',
      version: 1,
    });

    // The next request counts with 2027: Jan 1 and Jan 4 off, the weekend between, then Tue 5, Wed 6.
    o = (await gql(p.gatewayUrl, OBJECTION, { id }, lead)).data!.objection;
    expect(o).toMatchObject({ dueDate: '2027-01-06', dueDateProvisional: false, overdue: true });
    const overdueAfter = (await gql(p.gatewayUrl, OVERDUE, {}, lead)).data!.overdueObjections;
    expect(overdueAfter.map((x: { number: string }) => x.number)).toContain(o.number);
    expect((await gql(p.gatewayUrl, STATS, {}, lead)).data!.objectionStatistics).toMatchObject({ overdue: 1 });
    // The consultation: Jan 5, 6, 7, 8 and Saturday Jan 9, a make-up working day.
    expect((await gql(p.gatewayUrl, COMPLAINT, { id: complaintId }, lead)).data!.feedback).toEqual({
      dueDate: '2027-01-09',
      dueDateProvisional: false,
      overdue: true,
    });
    expect((await gql(p.gatewayUrl, OVERDUE_COMPLAINTS, {}, lead)).data!.overdueFeedback).toHaveLength(1);

    const known = await gql(p.gatewayUrl, KNOWN, {}, lead);
    expect(known.data!.workingCalendarCoverage).toMatchObject({ knownYears: [2026, 2027], knownThrough: '2027-12-31' });
    const h = await health();
    expect(Boolean(h.body.warnings?.workingCalendar)).toBe(known.data!.workingCalendarCoverage.short);
  });

  it('keeps every version: the same arrangement again is none, a change is the next, each audited', async () => {
    const again = await gql(p.gatewayUrl, SET, TEST_2027, lead);
    expect(again.data!.setWorkingCalendar.version).toBe(1);
    const changed = await gql(p.gatewayUrl, SET, { ...TEST_2027, m: [], n: '测试安排〔2027〕2号' }, lead);
    expect(changed.data!.setWorkingCalendar).toMatchObject({ version: 2, makeupWorkdays: [] });
    const history = (await gql(p.gatewayUrl, HISTORY, { y: 2027 }, lead)).data!.workingCalendarHistory;
    expect(history.map((v: { version: number; notice: string }) => [v.version, v.notice])).toEqual([
      [2, '测试安排〔2027〕2号'],
      [1, '测试安排〔2027〕1号'],
    ]);
    expect(history[0].setBy).toMatch(/^lead_department:/);
    // Only provisional due dates move: the consultation's, counted with version 1, was told and stands.
    expect((await gql(p.gatewayUrl, COMPLAINT, { id: complaintId }, lead)).data!.feedback.dueDate).toBe('2027-01-09');
    expect(errorCode(await gql(p.gatewayUrl, HISTORY, { y: 2027 }, unit))).toBe('FORBIDDEN');
    const audited = await p.subgraphs.entities.app.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'workingCalendar.set' });
    expect(audited.map((a) => a.target).sort()).toEqual([
      expect.stringMatching(/^2027 v1 测试安排〔2027〕1号/),
      expect.stringMatching(/^2027 v2 测试安排〔2027〕2号/),
    ]);
  });
});

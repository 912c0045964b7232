import { addDays, chinaDate, makeCreditCode, makeResidentId } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

/**
 * Issue 29 item 2: a service window records the authorisation it checked (who came for the subject,
 * on what basis, with which identity document) with the report; the subject and officials read it,
 * report users never; a bad entry is refused by field and writes nothing.
 */
let p: Platform;
const run = Date.now() % 1_000_000;
const SUBJECT = {
  creditCode: makeCreditCode('91', '520100', 84_000_000 + run),
  kind: 'ENTERPRISE',
  name: `窗口授权测试有限公司${run}`,
  regionCode: '520100',
  status: 'ACTIVE',
};
const AGENT = {
  basis: 'AUTHORISED_AGENT',
  personName: '王小刚',
  idDocumentType: 'RESIDENT_ID_CARD',
  idDocumentNumber: '52010219900101123x',
  powerOfAttorney: '2026年12月1日授权委托书',
};
const ISSUE = `mutation($i: IssueReportInput!) { issueReport(input: $i) { number verificationCode
  windowAuthorization { basis personName idDocumentType idDocumentNumber powerOfAttorney confirmedBy } } }`;
const REISSUE = `mutation($n: String!, $w: WindowAuthorizationInput) { reissueReport(number: $n, windowAuthorization: $w) {
  number windowAuthorization { basis personName } } }`;
const input = (extra: Record<string, unknown> = {}) => ({
  creditCode: SUBJECT.creditCode,
  scenario: 'BIDDING_PROCUREMENT',
  channel: 'SERVICE_WINDOW',
  domains: ['D07'],
  ...extra,
});
const PERSON = {
  creditCode: makeResidentId('520102', '19900101', run % 1000),
  kind: 'NATURAL_PERSON',
  name: `窗口授权测试人${run}`,
  regionCode: '520100',
  status: 'ACTIVE',
};
let leadToken: string;
let window: string;
let owner: string;
const reportCount = () => p.subgraphs.reports.app.dataSource.query('SELECT COUNT(*) AS n FROM credit_report');

beforeAll(async () => {
  p = await startPlatform([entities, records, reports], { SEED_DEMO: 'false' });
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const up = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [SUBJECT] },
    lead,
  );
  expect(up.data!.upsertSubjects.created).toBe(1);
  const person = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [PERSON] },
    lead,
  );
  expect(person.data!.upsertSubjects.created).toBe(1);
  leadToken = lead;
  window = await tokenFor({ role: 'OPERATOR', operatorId: 'window-520100-09', channel: 'SERVICE_WINDOW' });
  owner = await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT.creditCode });
});
afterAll(() => p.stop());

describe('the authorisation a service window checked', () => {
  it('is required at a window, checked field by field, and a refusal writes no report', async () => {
    const before = Number((await reportCount())[0].n);
    const cases: [Record<string, unknown> | undefined, string][] = [
      [undefined, 'input.windowAuthorization'],
      [{ ...AGENT, idDocumentNumber: '520102199001011231' }, 'input.windowAuthorization.idDocumentNumber'],
      [{ ...AGENT, personName: '  ' }, 'input.windowAuthorization.personName'],
      [{ ...AGENT, powerOfAttorney: null }, 'input.windowAuthorization.powerOfAttorney'],
      [{ ...AGENT, basis: 'LEGAL_REPRESENTATIVE' }, 'input.windowAuthorization.powerOfAttorney'],
      [{ ...AGENT, idDocumentType: 'PASSPORT', idDocumentNumber: 'E1' }, 'input.windowAuthorization.idDocumentNumber'],
    ];
    for (const [windowAuthorization, field] of cases) {
      const r = await gql(p.gatewayUrl, ISSUE, { i: input({ windowAuthorization }) }, window);
      expect({ field, ext: r.errors?.[0].extensions }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
    }
    // Only an operator records one; a subject online sends none.
    const bySubject = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: input({ channel: 'WEBSITE', windowAuthorization: AGENT }) },
      owner,
    );
    expect(bySubject.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.windowAuthorization',
    });
    expect(Number((await reportCount())[0].n)).toBe(before);
  });

  it('is stored masked with the report, read by the subject and officials, never by a report user', async () => {
    const r = await gql(p.gatewayUrl, ISSUE, { i: input({ windowAuthorization: AGENT }) }, window);
    expect(r.errors).toBeUndefined();
    const recorded = {
      basis: 'AUTHORISED_AGENT',
      personName: '王小刚',
      idDocumentType: 'RESIDENT_ID_CARD',
      idDocumentNumber: '5201**********123X',
      powerOfAttorney: '2026年12月1日授权委托书',
      confirmedBy: 'operator:window-520100-09',
    };
    expect(r.data!.issueReport.windowAuthorization).toEqual(recorded);
    const { number } = r.data!.issueReport;
    const stored = await p.subgraphs.reports.app.dataSource.query(
      'SELECT windowAuthorization AS w FROM credit_report WHERE number = ?',
      [number],
    );
    expect(stored[0].w).not.toContain('52010219900101123X');

    const mine = await gql(
      p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { reports { number windowAuthorization { personName basis } } } }',
      { c: SUBJECT.creditCode },
      owner,
    );
    expect(mine.data!.subject.reports).toEqual([
      { number, windowAuthorization: { personName: '王小刚', basis: 'AUTHORISED_AGENT' } },
    ]);

    const partnerId = `bank-${run}`;
    const grant = await gql(
      p.gatewayUrl,
      'mutation($n: String!, $p: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: $p, until: $u) { active } }',
      { n: number, p: partnerId, u: addDays(chinaDate(), 30) },
      owner,
    );
    expect(grant.data!.authorizeReportAccess.active).toBe(true);
    const partner = await tokenFor({ role: 'PARTNER', partnerId, province: '520000' });
    const seen = await gql(
      p.gatewayUrl,
      'query($n: String!) { report(number: $n) { detailsVisible windowAuthorization { personName } } }',
      { n: number },
      partner,
    );
    expect(seen.data!.report).toEqual({ detailsVisible: true, windowAuthorization: null });
  });

  it('is not asked of a self-service terminal, and a window reissue records it again', async () => {
    const kiosk = await tokenFor({ role: 'OPERATOR', operatorId: 'kiosk-520100-01', channel: 'SELF_SERVICE_TERMINAL' });
    const k = await gql(p.gatewayUrl, ISSUE, { i: input({ channel: 'SELF_SERVICE_TERMINAL' }) }, kiosk);
    expect(k.errors).toBeUndefined();
    expect(k.data!.issueReport.windowAuthorization).toBeNull();

    const missing = await gql(p.gatewayUrl, REISSUE, { n: k.data!.issueReport.number }, window);
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0].extensions!.field).toBe('input.windowAuthorization');
    const legal = { ...AGENT, basis: 'LEGAL_REPRESENTATIVE', personName: '李四', powerOfAttorney: null };
    const again = await gql(p.gatewayUrl, REISSUE, { n: k.data!.issueReport.number, w: legal }, window);
    expect(again.errors).toBeUndefined();
    expect(again.data!.reissueReport.windowAuthorization).toEqual({
      basis: 'LEGAL_REPRESENTATIVE',
      personName: '李四',
    });
  });
});

describe('a window finds a subject by part of its name', () => {
  const FIND = `query($f: SubjectFilter) { subjects(first: 20, filter: $f) { edges { node { creditCode name kind } } } }`;
  const codes = (r: { data?: any }) =>
    r.data!.subjects.edges.map((e: { node: { creditCode: string } }) => e.node.creditCode);

  it('lists organisations whose name contains the words, never people, and only when given a name', async () => {
    const found = await gql(p.gatewayUrl, FIND, { f: { nameContains: ` 授权测试有限公司${run} ` } }, window);
    expect(found.errors).toBeUndefined();
    expect(found.data!.subjects.edges).toEqual([
      { node: { creditCode: SUBJECT.creditCode, name: SUBJECT.name, kind: 'ENTERPRISE' } },
    ]);
    // People are not found by name at a window; the lead department sees both.
    expect(codes(await gql(p.gatewayUrl, FIND, { f: { nameContains: `授权测试人${run}` } }, window))).toEqual([]);
    expect(codes(await gql(p.gatewayUrl, FIND, { f: { nameContains: `${run}` } }, leadToken)).sort()).toEqual(
      [SUBJECT.creditCode, PERSON.creditCode].sort(),
    );
    // LIKE's own characters match literally.
    expect(codes(await gql(p.gatewayUrl, FIND, { f: { nameContains: '%_' } }, leadToken))).toEqual([]);
    for (const [f, message] of [
      [{}, /by part of their name/],
      [{ nameContains: '窗' }, /at least 2/],
    ] as const) {
      const r = await gql(p.gatewayUrl, FIND, { f }, window);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
      expect(r.errors![0].message).toMatch(message);
    }
  });
});

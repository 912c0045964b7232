import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, objections, records, reports, registerSourceUnits, startPlatform, type Platform } from '../platform';

// Probes that need the records, reports and objections subgraphs behind the gateway.
let p: Platform;
let lead: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, reports, objections]);
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  await registerSourceUnits(p, ['GZ-D07', 'GZ-D14']);
});
afterAll(() => p.stop());

let serial = 70_000_000 + Math.floor(Math.random() * 1_000_000);
const count = async (subgraph: string, table: string) =>
  Number((await p.subgraphs[subgraph].app.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

async function newSubject() {
  serial += 17;
  const s = {
    creditCode: makeCreditCode('91', '520100', serial),
    kind: 'ENTERPRISE',
    name: `贵阳安全探测有限公司${serial}`,
    regionCode: '520100',
  };
  await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [s] },
    lead,
  );
  return { ...s, token: await tokenFor({ role: 'SUBJECT', creditCode: s.creditCode }) };
}

const recordInput = (creditCode: string, domainCode: string, over: Record<string, unknown> = {}) => {
  serial += 3;
  return {
    decisionNumber: `黔安〔S〕${serial}号`,
    category: 'ADMINISTRATIVE_PENALTY',
    domainCode,
    creditCode,
    subjectName: '贵阳安全探测有限公司',
    violationType: '虚假宣传',
    facts: '经查属实',
    legalBasis: '相关法规',
    penaltyTypes: ['罚款'],
    penaltyContent: '罚款人民币2000元',
    fineAmount: '2000',
    decisionDate: '2024-05-06',
    decidingAuthority: '贵阳市市场监督管理局',
    decidingAuthorityCode: makeCreditCode('11', '520100', 11_000_001),
    regionCode: '520100',
    ...over,
  };
};
const SUBMIT =
  'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created rejected results { recordId verdict reasons { field code message } } } }';
const unitToken = (domain: string) => tokenFor({ role: 'SOURCE_UNIT', unitCode: `GZ-${domain}`, domains: [domain] });

describe('write probes', () => {
  it("a unit writing another unit's domain: the row is REJECTED with DOMAIN_NOT_ALLOWED, nothing written, nothing audited", async () => {
    const s = await newSubject();
    const [records, audits] = [await count('records', 'violation_record'), await count('records', 'audit_log')];
    const r = await gql(p.gatewayUrl, SUBMIT, { r: [recordInput(s.creditCode, 'D14')] }, await unitToken('D07'));
    expect(r.data!.submitRecords.results[0]).toMatchObject({
      verdict: 'REJECTED',
      recordId: null,
      reasons: [{ field: 'domainCode', code: 'DOMAIN_NOT_ALLOWED' }],
    });
    expect(await count('records', 'violation_record')).toBe(records);
    expect(await count('records', 'audit_log')).toBe(audits);
  });

  it('an oversized record batch -> BAD_USER_INPUT naming the argument, nothing written', async () => {
    const s = await newSubject();
    const rows = Array.from({ length: 1001 }, () => recordInput(s.creditCode, 'D07'));
    const before = await count('records', 'violation_record');
    const r = await gql(p.gatewayUrl, SUBMIT, { r: rows }, await unitToken('D07'));
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records', max: 1000, got: 1001 });
    expect(await count('records', 'violation_record')).toBe(before);
  });

  it('SQL-looking text is stored as data and control characters are refused, in record and objection text', async () => {
    const s = await newSubject();
    const unit = await unitToken('D07');
    const sqlish = "'; DROP TABLE violation_record; -- 经查属实";
    const control = await gql(
      p.gatewayUrl,
      SUBMIT,
      { r: [recordInput(s.creditCode, 'D07', { facts: 'bad\u0000facts', penaltyContent: 'x\u001bx' })] },
      unit,
    );
    expect(
      control
        .data!.submitRecords.results[0].reasons.map(
          (x: { field: string; message: string }) => `${x.field}: ${x.message}`,
        )
        .sort(),
    ).toEqual(['facts: must not contain control characters', 'penaltyContent: must not contain control characters']);
    const ok = await gql(p.gatewayUrl, SUBMIT, { r: [recordInput(s.creditCode, 'D07', { facts: sqlish })] }, unit);
    const recordId = ok.data!.submitRecords.results[0].recordId;
    const back = await gql(
      p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { records(first: 5) { edges { node { id facts } } } } }',
      { c: s.creditCode },
      s.token,
    );
    expect(back.data!.subject.records.edges[0].node).toEqual({ id: recordId, facts: sqlish });

    const objectionsBefore = await count('objections', 'objection');
    const bad = await gql(
      p.gatewayUrl,
      'mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id } }',
      { i: { recordId, reason: 'wrong\u0007record' } },
      s.token,
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(await count('objections', 'objection')).toBe(objectionsBefore);
  });

  it("a subject filing an objection on another subject's record -> FORBIDDEN, nothing written", async () => {
    const [owner, other] = [await newSubject(), await newSubject()];
    const ok = await gql(p.gatewayUrl, SUBMIT, { r: [recordInput(owner.creditCode, 'D07')] }, await unitToken('D07'));
    const recordId = ok.data!.submitRecords.results[0].recordId;
    const before = await count('objections', 'objection');
    const r = await gql(
      p.gatewayUrl,
      'mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id } }',
      { i: { recordId, reason: '不是我' } },
      other.token,
    );
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(await count('objections', 'objection')).toBe(before);
  });
});

describe('report user probes', () => {
  it('a partner without authorisation sees no record details; with it, it does, and its read is audited', async () => {
    const s = await newSubject();
    await gql(p.gatewayUrl, SUBMIT, { r: [recordInput(s.creditCode, 'D07')] }, await unitToken('D07'));
    const issued = await gql(
      p.gatewayUrl,
      'mutation($i: IssueReportInput!) { issueReport(input: $i) { number verificationCode } }',
      { i: { creditCode: s.creditCode, scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07', 'D14'] } },
      s.token,
    );
    const { number, verificationCode } = issued.data!.issueReport;
    const partner = await tokenFor({ role: 'PARTNER', partnerId: 'gy-bank-probe', province: '520000' });
    const REPORT =
      'query($n: String!) { report(number: $n) { number detailsVisible domains { code records { decisionNumber } } } }';
    const VERIFY =
      'query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic detailsVisible domains { code outcome records { decisionNumber } } } }';

    const denied = await gql(p.gatewayUrl, REPORT, { n: number }, partner);
    expect(denied.data!.report).toBeNull();
    const verified = await gql(p.gatewayUrl, VERIFY, { n: number, c: verificationCode }, partner);
    expect(verified.data!.verifyReport).toMatchObject({ authentic: true, detailsVisible: false });
    expect(JSON.stringify(verified.data!.verifyReport.domains)).not.toContain('黔安');

    const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await gql(
      p.gatewayUrl,
      'mutation($n: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: "gy-bank-probe", until: $u) { active } }',
      { n: number, u: until },
      s.token,
    );
    const audits = () =>
      p.subgraphs.reports.app.dataSource.query(
        "SELECT COUNT(*) AS n FROM audit_log WHERE actor = 'partner:520000/gy-bank-probe'",
      );
    const before = Number((await audits())[0].n);
    const allowed = await gql(p.gatewayUrl, REPORT, { n: number }, partner);
    expect(allowed.data!.report.detailsVisible).toBe(true);
    expect(allowed.data!.report.domains.find((d: { code: string }) => d.code === 'D07').records).toHaveLength(1);
    expect(Number((await audits())[0].n)).toBe(before + 1);
  });

  it('the merged audit trail includes the records, reports and objections logs', async () => {
    const r = await gql(
      p.gatewayUrl,
      '{ auditTrail(filter: { first: 200 }) { entries { service action } unavailable } }',
      {},
      lead,
    );
    expect(r.data!.auditTrail.unavailable).toEqual([]);
    const services = new Set(r.data!.auditTrail.entries.map((e: { service: string }) => e.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['entities', 'records', 'reports']));
  });
});

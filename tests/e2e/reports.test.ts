import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaTime, makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor, pdftotext } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

let p: Platform;
let origin: string;
let lead: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, reports], { SEED_DEMO: 'true' });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => p.stop());

const run = `${process.pid}${Date.now().toString(36)}`;
let serial = 80_000_000 + Math.floor(Math.random() * 1_000_000);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

async function newSubject() {
  serial += 17;
  const subject = {
    creditCode: makeCreditCode('91', '520300', serial),
    kind: 'ENTERPRISE',
    name: `遵义红枫酒业有限公司${serial}`,
    legalRepresentative: '李建国',
    regionCode: '520300',
    status: 'ACTIVE',
  };
  const r = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [subject] },
    lead,
  );
  expect(r.data!.upsertSubjects.created).toBe(1);
  return { ...subject, token: await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }) };
}

async function submit(
  subject: { creditCode: string; name: string },
  domain: string,
  decisionDate: string,
): Promise<string> {
  serial += 3;
  const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: `GZ-${domain}`, domains: [domain] });
  const record = {
    decisionNumber: `黔罚〔E${run}〕${serial}号`,
    category: 'ADMINISTRATIVE_PENALTY',
    domainCode: domain,
    creditCode: subject.creditCode,
    subjectName: subject.name,
    violationType: '未按规定申报',
    facts: '经查属实',
    legalBasis: '相关法规',
    penaltyTypes: ['罚款'],
    penaltyContent: '罚款人民币2000元',
    fineAmount: '2000',
    decisionDate,
    decidingAuthority: '遵义市有关部门',
    decidingAuthorityCode: makeCreditCode('11', '520300', 11_300_000),
    regionCode: '520300',
  };
  const r = await gql(
    p.gatewayUrl,
    'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { results { recordId verdict reasons { code } } } }',
    { r: [record] },
    unit,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.submitRecords.results[0].recordId;
}

const ISSUE = `mutation($input: IssueReportInput!) {
  issueReport(input: $input) { number verificationCode issuedAt subjectName domains { code nameZh outcome records { decisionNumber labels } } }
}`;
const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) {
  authentic status subjectName periodFrom periodTo scenario detailsVisible domains { code outcome records { decisionNumber } }
} }`;

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-report-')), 'report.pdf');
  writeFileSync(file, pdf);
  return pdftotext(file);
}

describe('special credit reports through the gateway', () => {
  let subject: Awaited<ReturnType<typeof newSubject>>;
  let report: {
    number: string;
    verificationCode: string;
    issuedAt: string;
    domains: { code: string; nameZh: string; outcome: string }[];
  };

  beforeAll(async () => {
    subject = await newSubject();
    const repaired = await submit(subject, 'D14', daysAgo(400));
    await submit(subject, 'D07', daysAgo(20));
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D14', domains: ['D14'] });
    const rep = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { repairRecord(id: $id, basis: "信用修复决定") { status } }',
      { id: repaired },
      unit,
    );
    expect(rep.data!.repairRecord.status).toBe('REPAIRED');
  });

  it('issues a report for the chosen domains to the subject itself', async () => {
    const r = await gql(
      p.gatewayUrl,
      ISSUE,
      {
        input: { scenario: 'BIDDING_PROCUREMENT', channel: 'PUBLIC_RESOURCE_TRADING', domains: ['D07', 'D14', 'D04'] },
      },
      subject.token,
    );
    expect(r.errors).toBeUndefined();
    report = r.data!.issueReport;
    expect(report.domains.map((d) => [d.code, d.outcome])).toEqual([
      ['D04', 'NO_RECORD'],
      ['D07', 'HAS_RECORDS'],
      ['D14', 'HAS_RECORDS'],
    ]);
    expect(r.data!.issueReport.domains[2].records[0].labels).toEqual(['已修复']);

    const own = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { name reports { number status } } }`,
      { c: subject.creditCode },
      subject.token,
    );
    expect(own.data!.subject).toEqual({ name: subject.name, reports: [{ number: report.number, status: 'ISSUED' }] });
  });

  it('downloads the PDF through the gateway with the name, every chosen domain and 已修复', async () => {
    const res = await fetch(`${origin}/reports/${report.number}.pdf`, {
      headers: { authorization: `Bearer ${subject.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(subject.name);
    for (const d of report.domains) expect(text).toContain(`${d.nameZh}（${d.code}）`);
    expect(text).toContain('已修复');
    expect(text).toContain(report.verificationCode);
    const keys = (await (await fetch(`${origin}/.well-known/credit-report-keys`)).json()) as {
      keys: { kid: string }[];
    };
    expect(keys.keys.length).toBeGreaterThan(0);
  });

  it('verifies with the right code without a token, and refuses a wrong code as not found', async () => {
    const ok = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(ok.data!.verifyReport).toMatchObject({
      authentic: true,
      status: 'ISSUED',
      subjectName: subject.name,
      scenario: 'BIDDING_PROCUREMENT',
      detailsVisible: false,
    });
    expect(ok.data!.verifyReport.domains.map((d: { outcome: string }) => d.outcome)).toEqual([
      'NO_RECORD',
      'HAS_RECORDS',
      'HAS_RECORDS',
    ]);
    const wrong = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: 'WRONGCODE2' });
    expect(errorCode(wrong)).toBe('NOT_FOUND');
    const page = await fetch(`${origin}/verify?number=${report.number}&code=${report.verificationCode}`);
    const html = await page.text();
    expect(html).toContain('真实有效');
    // The page dates the issuance as the PDF does: Beijing time, not a UTC timestamp.
    expect(html).toContain(`${chinaTime(report.issuedAt)}（北京时间）`);
    // A report user's system gets the same verdict as JSON through the gateway's one public origin.
    const json = await fetch(`${origin}/verify?number=${report.number}&code=${report.verificationCode}`, {
      headers: { accept: 'application/json' },
    });
    expect(json.headers.get('content-type')).toContain('application/json');
    const verdict = (await json.json()) as { authentic: boolean; domains: { outcome: string }[] };
    expect(verdict).toMatchObject({
      authentic: true,
      status: 'ISSUED',
      subjectName: subject.name,
      number: report.number,
    });
    expect(verdict.domains.map((d) => d.outcome)).toEqual(['NO_RECORD', 'HAS_RECORDS', 'HAS_RECORDS']);
    const refused = await fetch(`${origin}/verify?number=${report.number}&code=WRONGCODE2&format=json`);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('shows record details to an authorised partner only', async () => {
    const partner = await tokenFor({ role: 'PARTNER', partnerId: 'gy-bank-01', province: '520000' });
    const Q = `query($n: String!) { report(number: $n) { detailsVisible domains { records { decisionNumber } } } }`;
    expect((await gql(p.gatewayUrl, Q, { n: report.number }, partner)).data!.report).toBeNull();
    const unverified = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode }, partner);
    expect(unverified.data!.verifyReport.domains.every((d: { records: unknown }) => d.records === null)).toBe(true);

    const until = daysAgo(-30);
    const grant = await gql(
      p.gatewayUrl,
      'mutation($n: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: "gy-bank-01", until: $u) { active } }',
      { n: report.number, u: until },
      subject.token,
    );
    expect(grant.data!.authorizeReportAccess.active).toBe(true);
    const seen = await gql(p.gatewayUrl, Q, { n: report.number }, partner);
    expect(seen.data!.report.detailsVisible).toBe(true);
    expect(seen.data!.report.domains[1].records).toHaveLength(1);
    const other = await tokenFor({ role: 'PARTNER', partnerId: 'gy-bank-02', province: '520000' });
    expect((await gql(p.gatewayUrl, Q, { n: report.number }, other)).data!.report).toBeNull();
  });

  it('says not authentic after one byte of the stored snapshot is changed in the database', async () => {
    const ds = p.subgraphs.reports.app.dataSource;
    const [part] = await ds.query('SELECT text FROM credit_report_snapshot WHERE reportNumber = ? AND seq = 0', [
      report.number,
    ]);
    const i = (part.text as string).indexOf('"NO_RECORD"') + 1;
    await ds.query('UPDATE credit_report_snapshot SET text = ? WHERE reportNumber = ? AND seq = 0', [
      `${part.text.slice(0, i)}M${part.text.slice(i + 1)}`,
      report.number,
    ]);
    const v = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(v.data!.verifyReport.authentic).toBe(false);
  });

  it('refuses issuance with SUBSTITUTION_NOT_ALLOWED while a breached commitment stands', async () => {
    const s = await newSubject();
    const made = await gql(
      p.gatewayUrl,
      'mutation { makeCommitment(input: { domains: ["D33"], statement: "本企业承诺在林业领域无违法违规行为" }) { id } }',
      {},
      s.token,
    );
    const id = made.data!.makeCommitment.id;
    const breach = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { markCommitmentBreached(id: $id, reason: "林业部门查实虚假承诺") { status } }',
      { id },
      lead,
    );
    expect(breach.data!.markCommitmentBreached.status).toBe('BREACHED');
    const refused = await gql(
      p.gatewayUrl,
      ISSUE,
      { input: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
      s.token,
    );
    expect(errorCode(refused)).toBe('SUBSTITUTION_NOT_ALLOWED');
    expect(refused.errors![0].message).toContain('林业部门查实虚假承诺');
  });

  it('warns report users of a commitment marked false after issuance, while saying the document is authentic', async () => {
    const s = await newSubject();
    const made = await gql(
      p.gatewayUrl,
      'mutation { makeCommitment(input: { domains: ["D33"], statement: "本企业承诺在林业领域无违法违规行为" }) { id } }',
      {},
      s.token,
    );
    const issued = await gql(
      p.gatewayUrl,
      ISSUE,
      { input: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
      s.token,
    );
    expect(issued.errors).toBeUndefined();
    const { number, verificationCode } = issued.data!.issueReport;
    const WARNINGS = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic status warnings { code date reason message } } }`;
    const before = await gql(p.gatewayUrl, WARNINGS, { n: number, c: verificationCode });
    expect(before.data!.verifyReport).toMatchObject({ authentic: true, warnings: [] });

    const breach = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { markCommitmentBreached(id: $id, reason: "林业部门查实虚假承诺") { status } }',
      { id: made.data!.makeCommitment.id },
      lead,
    );
    expect(breach.data!.markCommitmentBreached.status).toBe('BREACHED');

    const after = await gql(p.gatewayUrl, WARNINGS, { n: number, c: verificationCode });
    expect(after.data!.verifyReport).toMatchObject({
      authentic: true,
      status: 'ISSUED',
      warnings: [{ code: 'COMMITMENT_BREACHED_AFTER_ISSUANCE', date: daysAgo(0), reason: '林业部门查实虚假承诺' }],
    });
    const json = (await (
      await fetch(`${origin}/verify?number=${number}&code=${verificationCode}&format=json`)
    ).json()) as { authentic: boolean; warnings: { code: string }[] };
    expect(json.authentic).toBe(true);
    expect(json.warnings.map((w) => w.code)).toEqual(['COMMITMENT_BREACHED_AFTER_ISSUANCE']);
    const page = await (await fetch(`${origin}/verify?number=${number}&code=${verificationCode}`)).text();
    expect(page).toContain('虚假承诺');
    expect(page).toContain('林业部门查实虚假承诺');
  });

  it('counts reports for analysts without naming subjects', async () => {
    const r = await gql(
      p.gatewayUrl,
      '{ reportStatistics { total byChannel { key count } byRegion { key count } } }',
      {},
      await tokenFor({ role: 'ANALYST' }),
    );
    expect(r.data!.reportStatistics.total).toBeGreaterThanOrEqual(1);
    expect(r.data!.reportStatistics.byRegion.map((c: { key: string }) => c.key)).toContain('520300');
  });
});

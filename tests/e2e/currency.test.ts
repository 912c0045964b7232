import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor, pdftotext } from '@credit/shared/test';
import type { ObjectionsApp } from '@credit/objections';
import type { RecordsApp } from '@credit/records';
import { runVerifyReport, verifyReportCredential } from '@credit/reports';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

/**
 * A report that stays true after it is signed: every change to a record an issued report covers
 * reaches reports through records' change outbox and marks the report; verification (GraphQL, the
 * page's JSON, the VC's refresh bit) says so; the subject reissues in one step.
 */
let p: Platform;
let origin: string;
let lead: string;
let unit: string;
beforeAll(async () => {
  // Timers off: each test drains the outboxes itself, so nothing depends on a poll interval.
  p = await startPlatform([entities, records, reports, objections], {
    SEED_DEMO: 'false',
    OUTBOX_POLL_MS: '0',
    // Low enough for the batch test to overrun with a partner's token; the other callers stay far below.
    RATE_LIMIT_PER_PRINCIPAL: '150',
  });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  await registerSourceUnits(p, ['GZ-D07', 'GZ-D14']);
});
afterAll(() => p.stop());

/** Objections' effects on records, then records' changes to reports. */
async function deliver() {
  await (p.subgraphs.objections.app as ObjectionsApp).drainOutbox();
  return (p.subgraphs.records.app as RecordsApp).changeFeed.drain();
}

const run = Date.now() % 1_000_000;
let serial = 0;
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

async function newSubject() {
  serial++;
  const subject = {
    creditCode: makeCreditCode('91', '520100', 70_000_000 + run * 20 + serial),
    kind: 'ENTERPRISE',
    name: `黔南现行建材有限公司${run}-${serial}`,
    legalRepresentative: '王建国',
    regionCode: '520100',
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
type Subject = Awaited<ReturnType<typeof newSubject>>;

async function submit(
  subject: Subject,
  decisionDate: string,
  domain = 'D07',
  again?: { decisionNumber: string; fine: string },
): Promise<string> {
  serial++;
  const r = await gql(
    p.gatewayUrl,
    'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { results { recordId verdict reasons { code } } } }',
    {
      r: [
        {
          decisionNumber: again?.decisionNumber ?? `黔市监罚〔C${run}〕${serial}号`,
          category: 'ADMINISTRATIVE_PENALTY',
          domainCode: domain,
          creditCode: subject.creditCode,
          subjectName: subject.name,
          subjectType: 'LEGAL_ENTITY',
          violationType: '虚假广告',
          facts: '经查属实',
          legalBasis: '《广告法》第五十五条',
          penaltyTypes: ['罚款'],
          penaltyContent: `罚款${again?.fine ?? '123450'}元`,
          fineAmount: again?.fine ?? '123450',
          decisionDate,
          decidingAuthority: '贵州省市场监督管理局',
          decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
          regionCode: '520100',
        },
      ],
    },
    await tokenFor({ role: 'SOURCE_UNIT', unitCode: `GZ-${domain}`, domains: [domain] }),
  );
  expect(r.data!.submitRecords.results[0]).toMatchObject({ verdict: again ? 'UPDATED' : 'CREATED' });
  return r.data!.submitRecords.results[0].recordId;
}

const ISSUE = `mutation($input: IssueReportInput!) { issueReport(input: $input) {
  number verificationCode current verifiableCredential } }`;

/** A report over D07 and D04 for the last 100 days, with one D07 record decided 30 days ago. */
async function reportWithRecord() {
  const subject = await newSubject();
  const recordId = await submit(subject, daysAgo(30));
  await deliver();
  const r = await gql(
    p.gatewayUrl,
    ISSUE,
    {
      input: {
        scenario: 'BIDDING_PROCUREMENT',
        channel: 'WEBSITE',
        domains: ['D07', 'D04'],
        periodFrom: daysAgo(100),
        periodTo: daysAgo(0),
      },
    },
    subject.token,
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.issueReport.current).toBe(true);
  return { subject, recordId, report: r.data!.issueReport as { number: string; verificationCode: string } & any };
}

const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) {
  authentic status current supersededBy
  changes { firstChangedOn corrected revoked repaired addedLate underObjection total }
  recordChanges { recordId kind fields { field before after } }
  warnings { code date reason message } } }`;

async function verify(report: { number: string; verificationCode: string }, token?: string) {
  const r = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode }, token);
  expect(r.errors).toBeUndefined();
  return r.data!.verifyReport;
}

const counts = (over: Record<string, number>) => ({
  corrected: 0,
  revoked: 0,
  repaired: 0,
  addedLate: 0,
  underObjection: 0,
  ...over,
  total: Object.values(over).reduce((a, b) => a + b, 0),
});

/** The VC's two bits, as a wallet reads them from the served status lists. */
async function credentialBits(vcText: string) {
  const credential = JSON.parse(vcText);
  const did = (await (await fetch(`${origin}/.well-known/did.json`)).json()) as Record<string, unknown>;
  const statusLists: Record<string, unknown> = {};
  for (const e of credential.credentialStatus)
    statusLists[e.statusListCredential] = await (
      await fetch(`${origin}${new URL(e.statusListCredential).pathname}`)
    ).json();
  const publicBaseUrl = new URL(credential.credentialStatus[0].statusListCredential).origin;
  return verifyReportCredential(credential, { publicBaseUrl, didDocument: did, statusLists });
}

describe('a report that stays true after it is signed (through the gateway)', () => {
  it('an objection filed and upheld with a correction: UNDER_OBJECTION then CORRECTED; counts for anyone, old -> new for the owner; the refresh bit', async () => {
    const { subject, recordId, report } = await reportWithRecord();
    const filed = await gql(
      p.gatewayUrl,
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId, reason: '罚款金额与处罚决定书不一致', type: 'RECORD_ERROR' } },
      subject.token,
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileObjection.id;
    // The record is labelled 异议处理中 from filing on (objections marks it then): the report says so.
    await deliver();
    const underObjection = await verify(report);
    expect(underObjection).toMatchObject({ authentic: true, current: false, changes: counts({ underObjection: 1 }) });

    await gql(p.gatewayUrl, `mutation($id: ID!) { acceptObjection(id: $id) { status } }`, { id }, lead);

    await gql(p.gatewayUrl, `mutation($id: ID!) { startObjectionReview(id: $id) { status } }`, { id }, unit);
    const upheld = await gql(
      p.gatewayUrl,
      `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { status } }`,
      {
        input: {
          id,
          outcome: 'UPHELD',
          explanation: '经核查，罚款金额应为12345元，已更正',
          correction: {
            action: 'CORRECT',
            reason: '异议成立：罚款金额录入错误',
            changes: { fineAmount: '12345.00', penaltyContent: '罚款12345元' },
          },
        },
      },
      unit,
    );
    expect(upheld.errors).toBeUndefined();
    await deliver();

    const anonymous = await verify(report);
    expect(anonymous).toMatchObject({
      authentic: true,
      status: 'ISSUED',
      current: false,
      changes: { ...counts({ underObjection: 1, corrected: 1 }), firstChangedOn: daysAgo(0) },
      recordChanges: [],
    });
    expect(anonymous.warnings).toEqual([
      expect.objectContaining({
        code: 'RECORDS_CHANGED_SINCE_ISSUANCE',
        date: daysAgo(0),
        message: expect.stringContaining('报告真实，但出具后信用记录已有变化，建议信用主体重新出具'),
      }),
    ]);
    // Facts, not content: the anonymous answer names no figure.
    expect(JSON.stringify(anonymous)).not.toContain('12345');

    const owner = await verify(report, subject.token);
    const corrected = owner.recordChanges.find((c: any) => c.kind === 'CORRECTED');
    expect(corrected.recordId).toBe(recordId);
    expect(corrected.fields).toEqual(
      expect.arrayContaining([{ field: 'fineAmount', before: '"123450.00"', after: '"12345.00"' }]),
    );

    const vc = await gql(
      p.gatewayUrl,
      'query($n: String!) { report(number: $n) { verifiableCredential current changes { corrected } } }',
      { n: report.number },
      subject.token,
    );
    expect(vc.data!.report).toMatchObject({ current: false, changes: { corrected: 1 } });
    expect(await credentialBits(vc.data!.report.verifiableCredential)).toMatchObject({
      verified: true,
      revoked: false,
      recordsChanged: true,
    });

    // The command-line verifier says it too, with its own exit code, from the lists the platform serves.
    const dir = mkdtempSync(join(tmpdir(), 'currency-vc-'));
    const save = async (name: string, path: string) => {
      writeFileSync(join(dir, name), await (await fetch(`${origin}${path}`)).text());
      return join(dir, name);
    };
    const credential = JSON.parse(vc.data!.report.verifiableCredential);
    writeFileSync(join(dir, 'vc.json'), vc.data!.report.verifiableCredential);
    const [revocationList, refreshList] = credential.credentialStatus.map(
      (e: { statusListCredential: string }) => new URL(e.statusListCredential).pathname,
    );
    const lines: string[] = [];
    const exit = await runVerifyReport(
      [
        join(dir, 'vc.json'),
        ...['--did', await save('did.json', '/.well-known/did.json')],
        ...['--status', await save('revocation.json', revocationList)],
        ...['--refresh-status', await save('refresh.json', refreshList)],
      ],
      (l) => lines.push(l),
    );
    expect(lines).toContain('records: CHANGED since issuance');
    expect(lines[lines.length - 1]).toBe(
      'authentic, records changed since issuance: ask the subject to reissue the report',
    );
    expect(exit).toBe(3);

    // The page's JSON says the same as GraphQL.
    const page = await fetch(`${origin}/verify?number=${report.number}&code=${report.verificationCode}&format=json`);
    expect(await page.json()).toMatchObject({ current: false, changes: { corrected: 1, underObjection: 1 } });
    const html = await (await fetch(`${origin}/verify?number=${report.number}&code=${report.verificationCode}`)).text();
    expect(html).toContain('报告真实，但出具后信用记录已有变化，建议信用主体重新出具');
    // The PDF fetched with the code says it under its title, and in a header.
    const pdf = await fetch(`${origin}/reports/${report.number}.pdf?code=${report.verificationCode}`);
    expect(pdf.headers.get('x-report-current')).toBe('false');
    const file = join(mkdtempSync(join(tmpdir(), 'currency-')), 'r.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    expect(pdftotext(file, []).replace(/\s/g, '')).toContain('报告真实，但出具后信用记录已有变化');
  });

  it('a revoked record, a repair and a late penalty each mark the report with their kind', async () => {
    const revoked = await reportWithRecord();
    const r1 = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { revokeRecord(id: $id, reason: "处罚决定已被行政复议撤销") { status } }',
      { id: revoked.recordId },
      unit,
    );
    expect(r1.data!.revokeRecord.status).toBe('REVOKED');

    const repaired = await reportWithRecord();
    const r2 = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { repairRecord(id: $id, basis: "信用修复决定书 黔信修〔2026〕1号") { status } }',
      { id: repaired.recordId },
      unit,
    );
    expect(r2.data!.repairRecord.status).toBe('REPAIRED');

    const late = await reportWithRecord();
    await submit(late.subject, daysAgo(50));
    await deliver();

    expect(await verify(revoked.report)).toMatchObject({ current: false, changes: counts({ revoked: 1 }) });
    expect(await verify(repaired.report)).toMatchObject({ current: false, changes: counts({ repaired: 1 }) });
    expect(await verify(late.report)).toMatchObject({ current: false, changes: counts({ addedLate: 1 }) });
    const owner = await verify(late.report, late.subject.token);
    expect(owner.recordChanges).toEqual([expect.objectContaining({ kind: 'ADDED_LATE', fields: [] })]);
  });

  it('a record of another subject, another domain or outside the period changes nothing', async () => {
    const { subject, report } = await reportWithRecord();
    const other = await newSubject();
    await submit(other, daysAgo(20));
    await submit(subject, daysAgo(20), 'D14');
    await submit(subject, daysAgo(300));
    const delivered = await deliver();
    expect(delivered.failed).toBe(0);
    expect(await verify(report)).toMatchObject({ current: true, changes: null, warnings: [] });
  });

  it('a unit correction marks CORRECTED; reissueReport gives a current report with the corrected figure, linked both ways', async () => {
    const { subject, recordId, report } = await reportWithRecord();
    const number = (
      await gql(
        p.gatewayUrl,
        'query($id: ID!) { violationRecord(id: $id) { decisionNumber } }',
        { id: recordId },
        subject.token,
      )
    ).data!.violationRecord.decisionNumber;
    await submit(subject, daysAgo(30), 'D07', { decisionNumber: number, fine: '12345' });
    await deliver();
    expect(await verify(report)).toMatchObject({ current: false, changes: counts({ corrected: 1 }) });

    const stranger = await tokenFor({ role: 'SUBJECT', creditCode: (await newSubject()).creditCode });
    const refused = await gql(
      p.gatewayUrl,
      'mutation($n: String!) { reissueReport(number: $n) { number } }',
      { n: report.number },
      stranger,
    );
    expect(errorCode(refused)).toBe('NOT_FOUND');

    const again = await gql(
      p.gatewayUrl,
      `mutation($n: String!) { reissueReport(number: $n) { number verificationCode current supersedes periodFrom periodTo
        recordCount domains { code outcome records { fineAmount } } } }`,
      { n: report.number },
      subject.token,
    );
    expect(again.errors).toBeUndefined();
    const fresh = again.data!.reissueReport;
    expect(fresh).toMatchObject({ current: true, supersedes: report.number, periodFrom: daysAgo(100), recordCount: 1 });
    expect(fresh.domains).toEqual([
      { code: 'D04', outcome: 'NO_RECORD', records: [] },
      { code: 'D07', outcome: 'HAS_RECORDS', records: [{ fineAmount: '12345.00' }] },
    ]);
    expect(await verify(report)).toMatchObject({ supersededBy: fresh.number, current: false });
    expect(await verify(fresh)).toMatchObject({ current: true, changes: null });

    const twice = await gql(
      p.gatewayUrl,
      'mutation($n: String!) { reissueReport(number: $n) { number } }',
      { n: report.number },
      subject.token,
    );
    expect(errorCode(twice)).toBe('CONFLICT');
  });

  it('verifyReports: one result per item in order, errors per item, at most 100, each item spends the rate budget', async () => {
    const { report } = await reportWithRecord();
    const changed = await reportWithRecord();
    await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { revokeRecord(id: $id, reason: "决定书已撤销") { status } }',
      { id: changed.recordId },
      unit,
    );
    await deliver();
    const BATCH = `query($items: [ReportToVerify!]!) { verifyReports(items: $items) {
      number error { code } verification { authentic current changes { revoked } } } }`;
    const items = [
      { number: changed.report.number, verificationCode: changed.report.verificationCode },
      { number: report.number, verificationCode: 'WRONGCODE' },
      { number: report.number, verificationCode: report.verificationCode },
    ];
    const r = await gql(p.gatewayUrl, BATCH, { items });
    expect(r.errors).toBeUndefined();
    expect(r.data!.verifyReports).toEqual([
      {
        number: changed.report.number,
        error: null,
        verification: { authentic: true, current: false, changes: { revoked: 1 } },
      },
      { number: report.number, error: { code: 'NOT_FOUND' }, verification: null },
      { number: report.number, error: null, verification: { authentic: true, current: true, changes: null } },
    ]);

    const tooMany = await gql(p.gatewayUrl, BATCH, { items: Array.from({ length: 101 }, () => items[2]) });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].extensions!.field).toBe('items');

    // 150 units a minute for this partner: of three batches of 100, two share a window whatever its edges.
    const partner = await tokenFor({ role: 'PARTNER', partnerId: `bidding-${run}`, province: '520000' });
    const hundred = Array.from({ length: 100 }, () => items[2]);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) codes.push(errorCode(await gql(p.gatewayUrl, BATCH, { items: hundred }, partner)));
    expect(codes[0]).toBeUndefined();
    expect(codes).toContain('RATE_LIMITED');
  });
});

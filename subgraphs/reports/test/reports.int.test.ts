import { AuditEntry, pendingSchemaChanges } from '@credit/shared';
import { errorCode, gql, tokenFor, usingMysql } from '@credit/shared/test';
import { CreditReportEntity } from '../src/report/report.entity';
import { SnapshotPartEntity, splitSnapshot } from '../src/report/snapshotPart.entity';
import { earliestNormalStart, chinaDate } from '@credit/shared';
import { isWellFormedReportNumber, parseReportNumber } from '../src/report/reportNumber';
import { sha256Hex } from '../src/integrity/signature';
import {
  daysAgo,
  ISSUE,
  newSubject,
  repairRecord,
  REPORT,
  startReportsStack,
  submitRecord,
  unitToken,
  VERIFY,
  type Stack,
  type TestSubject,
} from './builders';

let s: Stack;
beforeAll(async () => {
  s = await startReportsStack();
});
afterAll(() => s.stop());

const issue = (subject: TestSubject, input: Record<string, unknown> = {}, token = subject.token) =>
  gql(s.reports.url, ISSUE, { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', ...input } }, token);

async function issued(subject: TestSubject, input: Record<string, unknown> = {}) {
  const r = await issue(subject, input);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.issueReport;
}

/** What the window checked (the person present and the ID card shown). */
const AT_WINDOW = {
  basis: 'LEGAL_REPRESENTATIVE',
  personName: '张三',
  idDocumentType: 'RESIDENT_ID_CARD',
  idDocumentNumber: '520102198503151238',
};

const verify = (number: string, code: string, token?: string) => gql(s.reports.url, VERIFY, { number, code }, token);
const db = () => s.reports.app.dataSource;

/** Changes one character of the stored snapshot text, as an attacker with database access would. */
async function tamper(number: string, from: string, to: string) {
  const part = await db().getRepository(SnapshotPartEntity).findOneByOrFail({ reportNumber: number, seq: 0 });
  expect(part.text).toContain(from);
  await db()
    .getRepository(SnapshotPartEntity)
    .update({ reportNumber: number, seq: 0 }, { text: part.text.replace(from, to) });
}

describe(`reports subgraph on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('copies the subject and its records into a signed snapshot, labelling repaired and objected records', async () => {
    const subject = await newSubject(s);
    const plain = await submitRecord(s, subject, { decisionDate: daysAgo(100) });
    const repaired = await submitRecord(s, subject, { decisionDate: daysAgo(300) });
    await repairRecord(s, repaired);
    await submitRecord(s, subject, { decisionDate: '2019-06-01' }).catch(() => undefined); // refused by records: before 2020

    const report = await issued(subject, { domains: ['D14', 'D07', 'd03'] });
    expect(isWellFormedReportNumber(report.number)).toBe(true);
    expect(report.number.slice(0, 10)).toBe(`GZ${chinaDate().replaceAll('-', '')}`);
    expect(report).toMatchObject({
      status: 'ISSUED',
      subjectName: subject.name,
      creditCode: subject.creditCode,
      recordCount: 2,
      authentic: true,
      periodTo: chinaDate(),
      periodFrom: earliestNormalStart(chinaDate(), 5),
      detailsVisible: true,
    });
    expect(report.verificationCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    // Catalogue order, whatever order was asked for.
    expect(report.domains.map((d: { code: string }) => d.code)).toEqual(['D03', 'D07', 'D14']);
    const [d03, d07, d14] = report.domains;
    expect([d03.outcome, d07.outcome, d14.outcome]).toEqual(['NO_RECORD', 'HAS_RECORDS', 'NO_RECORD']);
    expect(d07.records.map((r: { id: string }) => r.id)).toEqual([repaired, plain]);
    expect(d07.records[0]).toMatchObject({ repaired: true, labels: ['已修复'] });
    expect(d07.records[1]).toMatchObject({ repaired: false, labels: [] });

    const row = await db().getRepository(CreditReportEntity).findOneByOrFail({ number: report.number });
    const text = (
      await db()
        .getRepository(SnapshotPartEntity)
        .find({ where: { reportNumber: report.number }, order: { seq: 'ASC' } })
    )
      .map((p) => p.text)
      .join('');
    expect(sha256Hex(text)).toBe(row.sha256);
    const snapshot = JSON.parse(text);
    expect(snapshot.subject).toMatchObject({ creditCode: subject.creditCode, name: subject.name, kind: 'ENTERPRISE' });
    expect(snapshot.statement).toContain('生效法律文书');
    // The code is never stored, only its hash.
    expect(JSON.stringify(row)).not.toContain(report.verificationCode);
  });

  it('defaults to every active domain and five years, and needs a reason for a longer period', async () => {
    const subject = await newSubject(s);
    const all = await issued(subject);
    expect(all.domains).toHaveLength(43);
    expect(all.domains.every((d: { outcome: string }) => d.outcome === 'NO_RECORD')).toBe(true);

    const long = await issue(subject, { periodFrom: '2018-03-01' });
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0].extensions).toMatchObject({ field: 'input.periodFrom' });

    const required = await issued(subject, {
      periodFrom: '2018-03-01',
      requiredByReportUser: '贵州省公共资源交易中心（招标文件第3.2条）',
      domains: ['D07'],
    });
    expect(required).toMatchObject({
      periodFrom: '2018-03-01',
      coverageFrom: '2020-01-01',
      requiredByReportUser: '贵州省公共资源交易中心（招标文件第3.2条）',
    });

    for (const [input, field] of [
      [{ domains: ['D99'] }, 'input.domains[0]'],
      [{ domains: [] }, 'input.domains'],
      [{ periodTo: '2999-01-01' }, 'input.periodTo'],
      [{ periodFrom: '2025-13-01' }, 'input.periodFrom'],
      [{ channel: 'SERVICE_WINDOW' }, 'input.channel'],
    ] as const) {
      const r = await issue(subject, input);
      expect([errorCode(r), r.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
  });

  it('lets a subject issue only its own reports and an operator issue at a window, audited', async () => {
    const subject = await newSubject(s);
    const other = await newSubject(s);
    expect(errorCode(await issue(subject, { creditCode: other.creditCode }))).toBe('FORBIDDEN');
    expect(
      errorCode(await issue(subject, {}, await tokenFor({ role: 'PARTNER', partnerId: 'bank', province: '520000' }))),
    ).toBe('FORBIDDEN');
    expect(errorCode(await issue(subject, {}, ''))).toBe('UNAUTHENTICATED');

    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'window-520100-07', channel: 'SERVICE_WINDOW' });
    const noCode = await issue(subject, { channel: 'SERVICE_WINDOW' }, operator);
    expect(noCode.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });
    const r = await issue(
      subject,
      { creditCode: subject.creditCode, channel: 'SERVICE_WINDOW', domains: ['D07'], windowAuthorization: AT_WINDOW },
      operator,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.issueReport.verificationCode).toMatch(/^[2-9A-Z]{10}$/);
    const entries = await db()
      .getRepository(AuditEntry)
      .findBy({ subjectCode: subject.creditCode, action: 'report.issue' });
    expect(entries.map((e) => e.actor)).toEqual(['operator:window-520100-07']);
    expect(
      errorCode(
        await issue(await newSubject(s), { creditCode: '91520000214434146Q', channel: 'SERVICE_WINDOW' }, operator),
      ),
    ).toBe('BAD_USER_INPUT');
    const unknown = await issue(
      subject,
      { creditCode: '91520000214434146R', channel: 'SERVICE_WINDOW', windowAuthorization: AT_WINDOW },
      operator,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    // The token's channel binds what the operator issues (issue 28: a window cannot issue as a kiosk).
    const otherChannel = await issue(
      subject,
      { creditCode: subject.creditCode, channel: 'SELF_SERVICE_TERMINAL' },
      operator,
    );
    expect(otherChannel.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.channel' });
  });

  it('never changes a report after issuance, whatever happens to the records', async () => {
    const subject = await newSubject(s);
    const id = await submitRecord(s, subject);
    const report = await issued(subject, { domains: ['D07'] });
    await repairRecord(s, id);
    await submitRecord(s, subject);
    const again = await gql(s.reports.url, REPORT, { number: report.number }, subject.token);
    expect(again.data!.report).toEqual(report);
    const fresh = await issued(subject, { domains: ['D07'] });
    expect(fresh.domains[0].recordCount).toBe(2);
    expect(fresh.number).not.toBe(report.number);
  });

  it('verifies with the right code without a token, and answers a wrong code like an unknown number', async () => {
    const subject = await newSubject(s);
    await submitRecord(s, subject);
    const report = await issued(subject, { domains: ['D07', 'D14'] });
    const ok = await verify(report.number, report.verificationCode);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.verifyReport).toMatchObject({
      authentic: true,
      problem: null,
      status: 'ISSUED',
      subjectName: subject.name,
      scenario: 'BIDDING_PROCUREMENT',
      detailsVisible: false,
      domains: [
        { code: 'D07', outcome: 'HAS_RECORDS', recordCount: 1, records: null },
        { code: 'D14', outcome: 'NO_RECORD', recordCount: 0, records: null },
      ],
    });
    expect((await verify(report.number, report.verificationCode.toLowerCase())).data!.verifyReport.authentic).toBe(
      true,
    );
    const own = await verify(report.number, report.verificationCode, subject.token);
    expect(own.data!.verifyReport.domains[0].records).toHaveLength(1);

    const wrong = await verify(report.number, 'ABCDEFGHJK');
    const unknown = await verify(`${report.number.slice(0, -2)}99`, report.verificationCode);
    expect(errorCode(wrong)).toBe('NOT_FOUND');
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(wrong.errors![0].message.replace(report.number, 'N')).toBe(`report N not found`);
  });

  it('masks a natural person in a public verification but not for the owner', async () => {
    const person = await newSubject(s, 'NATURAL_PERSON');
    const report = await issued(person, { domains: ['D07'] });
    const pub = await verify(report.number, report.verificationCode);
    expect(pub.data!.verifyReport.subjectName).toBe('欧**华');
    expect(pub.data!.verifyReport.creditCode).toMatch(/^5201\*+\d{3}[\dX]$/);
    const own = await verify(report.number, report.verificationCode, person.token);
    expect(own.data!.verifyReport).toMatchObject({ subjectName: '欧阳明华', creditCode: person.creditCode });
  });

  it('verifies a snapshot stored in many parts, whatever order the database returns them in', async () => {
    const subject = await newSubject(s);
    await submitRecord(s, subject);
    const report = await issued(subject, { domains: ['D07'] });
    const repo = db().getRepository(SnapshotPartEntity);
    const text = (await repo.findBy({ reportNumber: report.number })).map((p) => p.text).join('');
    // Re-store the same text in 7-character parts, inserted last part first.
    await repo.delete({ reportNumber: report.number });
    const parts = splitSnapshot(text, 7);
    expect(parts.length).toBeGreaterThan(10);
    for (let seq = parts.length - 1; seq >= 0; seq--)
      await repo.insert({ reportNumber: report.number, seq, text: parts[seq] });
    const v = await verify(report.number, report.verificationCode);
    expect(v.data!.verifyReport).toMatchObject({ authentic: true, problem: null });
    // Swapping two different parts is a change like any other.
    const i = parts.findIndex((p, k) => k > 0 && p !== parts[k - 1]);
    await repo.update({ reportNumber: report.number, seq: i - 1 }, { text: parts[i] });
    await repo.update({ reportNumber: report.number, seq: i }, { text: parts[i - 1] });
    const swapped = await verify(report.number, report.verificationCode);
    expect(swapped.data!.verifyReport).toMatchObject({
      authentic: false,
      problem: 'the stored snapshot does not match its SHA-256',
    });
  });

  it('detects one changed byte of the stored snapshot', async () => {
    const subject = await newSubject(s);
    await submitRecord(s, subject);
    const report = await issued(subject, { domains: ['D07'] });
    await tamper(report.number, '"HAS_RECORDS"', '"NO_RECORDX"'.slice(0, 13));
    const v = await verify(report.number, report.verificationCode);
    expect(v.data!.verifyReport).toMatchObject({ authentic: false, domains: [] });
    expect(v.data!.verifyReport.problem).toContain('SHA-256');
    const own = await gql(s.reports.url, REPORT, { number: report.number }, subject.token);
    expect(own.data!.report).toMatchObject({ authentic: false, domains: [] });

    // Rewriting the hash too does not help: the signature no longer matches.
    const subject2 = await newSubject(s);
    const r2 = await issued(subject2, { domains: ['D07'] });
    await tamper(r2.number, subject2.name, `${subject2.name.slice(0, -1)}X`);
    const text = (await db().getRepository(SnapshotPartEntity).findOneByOrFail({ reportNumber: r2.number, seq: 0 }))
      .text;
    await db()
      .getRepository(CreditReportEntity)
      .update({ number: r2.number }, { sha256: sha256Hex(text) });
    const v2 = await verify(r2.number, r2.verificationCode);
    expect(v2.data!.verifyReport).toMatchObject({ authentic: false, problem: 'the Ed25519 signature does not verify' });
  });

  it('revokes a report with a reason and keeps verifying it as revoked', async () => {
    const subject = await newSubject(s);
    const report = await issued(subject, { domains: ['D07'] });
    const REVOKE =
      'mutation($n: String!, $r: String!) { revokeReport(number: $n, reason: $r) { status revocationReason revokedAt } }';
    const stranger = await newSubject(s);
    expect(errorCode(await gql(s.reports.url, REVOKE, { n: report.number, r: '误开' }, stranger.token))).toBe(
      'NOT_FOUND',
    );
    const r = await gql(s.reports.url, REVOKE, { n: report.number, r: '申请材料有误，重新申请' }, subject.token);
    expect(r.data!.revokeReport).toMatchObject({ status: 'REVOKED', revocationReason: '申请材料有误，重新申请' });
    expect(errorCode(await gql(s.reports.url, REVOKE, { n: report.number, r: '再次撤销' }, s.lead))).toBe('CONFLICT');
    const v = await verify(report.number, report.verificationCode);
    expect(v.data!.verifyReport).toMatchObject({
      authentic: true,
      status: 'REVOKED',
      revocationReason: '申请材料有误，重新申请',
    });
  });

  it('refuses issuance with SUBSTITUTION_NOT_ALLOWED while a breached commitment stands', async () => {
    const subject = await newSubject(s);
    const MAKE = 'mutation($i: MakeCommitmentInput!) { makeCommitment(input: $i) { id status } }';
    const made = await gql(
      s.entities.url,
      MAKE,
      { i: { domains: ['D07', 'D30'], statement: '本企业承诺在上述领域无违法违规行为。' } },
      subject.token,
    );
    expect(made.data!.makeCommitment.status).toBe('ACTIVE');
    const id = made.data!.makeCommitment.id;
    expect((await issue(subject, { domains: ['D07'] })).errors).toBeUndefined();

    const BREACH =
      'mutation($id: ID!, $r: String!) { markCommitmentBreached(id: $id, reason: $r) { status breachReason } }';
    expect(errorCode(await gql(s.entities.url, BREACH, { id, r: '无关单位' }, await unitToken('D14')))).toBe(
      'FORBIDDEN',
    );
    const breach = await gql(s.entities.url, BREACH, { id, r: '2026年5月因虚假承诺被查处' }, await unitToken('D30'));
    expect(breach.data!.markCommitmentBreached.status).toBe('BREACHED');

    const refused = await issue(subject, { domains: ['D07'] });
    expect(errorCode(refused)).toBe('SUBSTITUTION_NOT_ALLOWED');
    expect(refused.errors![0].message).toContain('2026年5月因虚假承诺被查处');
    expect(refused.errors![0].extensions!.reasons).toEqual(['2026年5月因虚假承诺被查处']);

    const CLEAR = 'mutation($id: ID!, $r: String!) { clearCommitmentBreach(id: $id, reason: $r) { status } }';
    await gql(s.entities.url, CLEAR, { id, r: '行政复议撤销了认定' }, s.lead);
    expect((await issue(subject, { domains: ['D07'] })).errors).toBeUndefined();
  });

  it('shows record details to a report user only while the subject authorises it', async () => {
    const subject = await newSubject(s);
    await submitRecord(s, subject);
    const report = await issued(subject, { domains: ['D07'] });
    const bank = await tokenFor({ role: 'PARTNER', partnerId: 'bank-gy-001', province: '520000' });
    const otherBank = await tokenFor({ role: 'PARTNER', partnerId: 'bank-gy-002', province: '520000' });
    const SUBJECT_REPORTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Subject { reports { number detailsVisible domains { records { decisionNumber } } } } } }`;
    const reps = [{ __typename: 'Subject', creditCode: subject.creditCode }];

    expect((await gql(s.reports.url, REPORT, { number: report.number }, bank)).data!.report).toBeNull();
    const before = await gql(s.reports.url, SUBJECT_REPORTS, { reps }, bank);
    expect(before.errors).toBeUndefined();
    expect(before.data!._entities[0].reports).toEqual([]);
    expect((await verify(report.number, report.verificationCode, bank)).data!.verifyReport).toMatchObject({
      detailsVisible: false,
      domains: [{ records: null }],
    });

    const AUTH =
      'mutation($n: String!, $p: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: $p, until: $u) { partnerId active until } }';
    expect(
      errorCode(await gql(s.reports.url, AUTH, { n: report.number, p: 'bank-gy-001', u: '2020-01-01' }, subject.token)),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(
          s.reports.url,
          AUTH,
          { n: report.number, p: 'bank-gy-001', u: daysAgo(-30) },
          (await newSubject(s)).token,
        ),
      ),
    ).toBe('NOT_FOUND');
    const granted = await gql(
      s.reports.url,
      AUTH,
      { n: report.number, p: 'bank-gy-001', u: daysAgo(-30) },
      subject.token,
    );
    expect(granted.data!.authorizeReportAccess).toMatchObject({ partnerId: 'bank-gy-001', active: true });

    const seen = await gql(s.reports.url, REPORT, { number: report.number }, bank);
    expect(seen.data!.report).toMatchObject({
      detailsVisible: true,
      verificationCode: null,
      domains: [{ records: [{ repaired: false }] }],
    });
    expect((await gql(s.reports.url, SUBJECT_REPORTS, { reps }, bank)).data!._entities[0].reports).toHaveLength(1);
    expect((await gql(s.reports.url, REPORT, { number: report.number }, otherBank)).data!.report).toBeNull();
    const audits = await db()
      .getRepository(AuditEntry)
      .findBy({ subjectCode: subject.creditCode, action: 'report.read' });
    expect(audits.some((a) => a.actor === 'partner:520000/bank-gy-001')).toBe(true);

    const REVOKE =
      'mutation($n: String!, $p: String!) { revokeReportAccess(number: $n, partnerId: $p) { active revokedAt } }';
    expect(
      (await gql(s.reports.url, REVOKE, { n: report.number, p: 'bank-gy-001' }, subject.token)).data!.revokeReportAccess
        .active,
    ).toBe(false);
    expect((await gql(s.reports.url, REPORT, { number: report.number }, bank)).data!.report).toBeNull();
    const owner = await gql(
      s.reports.url,
      `query($number: String!) { report(number: $number) { authorizations { partnerId active } } }`,
      { number: report.number },
      subject.token,
    );
    expect(owner.data!.report.authorizations).toEqual([{ partnerId: 'bank-gy-001', active: false }]);
  });

  it('counts reports for analysts by scenario, channel, month and region, and never lists them', async () => {
    const subject = await newSubject(s);
    await issued(subject, { domains: ['D07'], scenario: 'FINANCING', channel: 'GOV_SERVICE_PORTAL' });
    const Q =
      '{ reportStatistics { total revoked byScenario { key count } byChannel { key count } byMonth { key count } byRegion { key count } } }';
    const r = await gql(s.reports.url, Q, {}, await tokenFor({ role: 'ANALYST' }));
    const st = r.data!.reportStatistics;
    const total = await db().getRepository(CreditReportEntity).count();
    expect(st.total).toBe(total);
    expect(st.byScenario.find((c: { key: string }) => c.key === 'FINANCING').count).toBeGreaterThanOrEqual(1);
    expect(st.byChannel.find((c: { key: string }) => c.key === 'GOV_SERVICE_PORTAL').count).toBeGreaterThanOrEqual(1);
    expect(st.byMonth).toEqual([{ key: chinaDate().slice(0, 7), count: total }]);
    expect(st.byRegion.map((c: { key: string }) => c.key)).toContain('520100');
    expect(errorCode(await gql(s.reports.url, Q, {}, subject.token))).toBe('FORBIDDEN');
  });

  it('gives 40 concurrent issuances distinct, well-formed, consecutive numbers, each stored whole', async () => {
    const subject = await newSubject(s);
    const reports = await Promise.all(Array.from({ length: 40 }, () => issued(subject, { domains: ['D07'] })));
    const numbers = reports.map((r) => r.number as string);
    expect(new Set(numbers).size).toBe(40);
    expect(numbers.every(isWellFormedReportNumber)).toBe(true);
    expect(numbers.every((n) => n.startsWith(`GZ${chinaDate().replaceAll('-', '')}`))).toBe(true);
    // One process and nothing else issuing meanwhile: its blocks hand out an unbroken run.
    const seqs = numbers.map((n) => parseReportNumber(n)!.sequence).sort((a, b) => a - b);
    expect(seqs[39] - seqs[0]).toBe(39);
    // Taken in the order the issuances began, so a later issue time never has a smaller number.
    const byTime = [...reports].sort(
      (a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || a.number.localeCompare(b.number),
    );
    expect(byTime.map((r) => r.number)).toEqual([...numbers].sort());
    expect(reports.every((r) => r.authentic)).toBe(true);
    const audited = await db()
      .getRepository(AuditEntry)
      .findBy({ action: 'report.issue', subjectCode: subject.creditCode });
    expect(audited.map((e) => e.target).sort()).toEqual([...numbers].sort());
  });

  (usingMysql ? it : it.skip)(
    'has migrations that match the entities (MySQL only; SQLite builds from entities)',
    async () => {
      expect(await pendingSchemaChanges(db())).toEqual([]);
    },
  );
});

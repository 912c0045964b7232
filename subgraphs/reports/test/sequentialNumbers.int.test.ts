import { gql, tokenFor, usingMysql } from '@credit/shared/test';
import * as numbering from '../src/report/reportNumber';
import { CreditReportEntity } from '../src/report/report.entity';
import { ISSUE, newSubject, REPORT, startReportsStack, submitRecord, VERIFY, type Stack } from './builders';

// Numbers issued before the random part are sequential (GZ + day + eight digits + check). They are
// printed on reports in people's hands, so they keep verifying and resolving beside the new ones.
let s: Stack;
beforeAll(async () => {
  s = await startReportsStack();
});
afterAll(() => s.stop());

/** What the previous release's formatReportNumber made of a sequence. */
const sequentialNumber = (prefix: string, day: string, sequence: number) => {
  const body = `${prefix}${day}${String(sequence).padStart(8, '0')}`;
  return body + numbering.reportNumberCheckCharacter(body);
};

describe(`report numbers issued before the random part, on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('a sequential number stored before still verifies, resolves and serves its page and PDF', async () => {
    const subject = await newSubject(s);
    await submitRecord(s, subject);
    const input = { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] };
    // The issuance of the previous release: same sequence blocks, the number without a random part.
    const spy = jest
      .spyOn(numbering, 'formatReportNumber')
      .mockImplementationOnce((prefix, day, sequence) => sequentialNumber(prefix, day, sequence));
    const before = await gql(s.reports.url, ISSUE, { input }, subject.token);
    spy.mockRestore();
    expect(before.errors).toBeUndefined();
    const old = before.data!.issueReport as { number: string; verificationCode: string };
    expect(old.number).toMatch(/^GZ\d{16}[0-9A-HJ-NP-RTUWXY]$/);
    const stored = await s.reports.app.dataSource.getRepository(CreditReportEntity).findOneBy({ number: old.number });
    expect(stored?.number).toBe(old.number);

    // Issued since: the new format, beside the old one in the same table.
    const since = (await gql(s.reports.url, ISSUE, { input }, subject.token)).data!.issueReport;
    expect(since.number).toHaveLength(23);
    expect(numbering.parseReportNumber(since.number)!.random).toHaveLength(5);

    const verified = await gql(s.reports.url, VERIFY, { number: old.number, code: old.verificationCode });
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyReport).toMatchObject({ authentic: true, problem: null, number: old.number });
    // Typed in lower case, as people do: the same answer.
    const lower = await gql(s.reports.url, VERIFY, { number: old.number.toLowerCase(), code: old.verificationCode });
    expect(lower.data!.verifyReport.authentic).toBe(true);

    const looked = await gql(s.reports.url, REPORT, { number: old.number }, subject.token);
    expect(looked.errors).toBeUndefined();
    expect(looked.data!.report).toMatchObject({ number: old.number, authentic: true });
    const byLead = await gql(
      s.reports.url,
      REPORT,
      { number: old.number },
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    );
    expect(byLead.data!.report.number).toBe(old.number);

    const origin = s.reports.url.replace(/\/graphql$/, '');
    const json = await fetch(`${origin}/verify?number=${old.number}&code=${old.verificationCode}&format=json`);
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ authentic: true, number: old.number });
    const pdf = await fetch(`${origin}/reports/${old.number}.pdf?code=${old.verificationCode}`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);

    // A wrong code for the old number is refused like any other.
    const wrong = await gql(s.reports.url, VERIFY, { number: old.number, code: 'ABCDEFGHJK' });
    expect(wrong.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

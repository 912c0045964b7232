import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SUBJECTS, maskIdNumber, maskPersonName } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

// Issue 27.2: a code holder sees the same of a report's subject through every door (GraphQL
// verifyReport, /verify as JSON, the PDF by ?code=): a natural person's name and ID number masked
// unless the holder is the owner, an authorised partner or the lead department; other kinds in full.
let p: Platform;
let origin: string;
const PARTNER = { role: 'PARTNER', partnerId: 'doors-bidding-center', province: '520000' } as const;
const issued = new Map<string, { number: string; verificationCode: string }>();

beforeAll(async () => {
  p = await startPlatform([entities, records, reports], {
    SEED_DEMO: 'true',
    RATE_LIMIT_ANONYMOUS_PER_IP: '100000',
    RATE_LIMIT_PER_PRINCIPAL: '100000',
  });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  for (const s of Object.values(DEMO_SUBJECTS)) {
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: s.creditCode });
    const r = await gql(
      p.gatewayUrl,
      'mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }',
      { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] } },
      owner,
    );
    expect(r.errors).toBeUndefined();
    issued.set(s.kind, r.data!.issueReport);
    const grant = await gql(
      p.gatewayUrl,
      'mutation($n: String!, $p: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: $p, until: $u) { partnerId } }',
      { n: r.data!.issueReport.number, p: PARTNER.partnerId, u: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      owner,
    );
    expect(grant.errors).toBeUndefined();
  }
});
afterAll(() => p.stop());

function pdfText(pdf: Buffer): { text: string; info: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'doors-')), 'report.pdf');
  writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
  };
}

interface Seen {
  name: string;
  idNumber: string;
}

/** What each door shows of the subject of `number` to the holder of its code (with `token`, if any). */
async function throughEveryDoor(number: string, code: string, token?: string): Promise<Record<string, Seen>> {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const g = await gql(
    p.gatewayUrl,
    'query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { subjectName creditCode } }',
    { n: number, c: code },
    token,
  );
  expect(g.errors).toBeUndefined();
  const page = await fetch(`${origin}/verify?number=${number}&code=${code}&format=json`, { headers: auth });
  expect(page.status).toBe(200);
  const json = (await page.json()) as { subjectName: string; creditCode: string };
  const res = await fetch(`${origin}/reports/${number}.pdf?code=${code}`, { headers: auth });
  expect(res.status).toBe(200);
  const pdf = pdfText(Buffer.from(await res.arrayBuffer()));
  const pdfName = /信用主体\s+(\S+)/.exec(pdf.text)?.[1];
  const pdfId = /(?:身份证号码|统一社会信用代码)\s+(\S+)/.exec(pdf.text)?.[1];
  // The document's metadata names the subject too.
  expect(/^Subject:\s+(\S+)$/m.exec(pdf.info)?.[1]).toBe(pdfName);
  return {
    verifyReport: { name: g.data!.verifyReport.subjectName, idNumber: g.data!.verifyReport.creditCode },
    verifyPage: { name: json.subjectName, idNumber: json.creditCode },
    pdf: { name: pdfName!, idNumber: pdfId! },
  };
}

const subjects = Object.values(DEMO_SUBJECTS).map((s) => [s.kind, s] as const);

describe.each(subjects)('a report of a %s, through verifyReport, /verify and the PDF by code', (kind, subject) => {
  const full = { name: subject.name, idNumber: subject.creditCode };
  const masked =
    kind === 'NATURAL_PERSON'
      ? { name: maskPersonName(subject.name), idNumber: maskIdNumber(subject.creditCode) }
      : full;
  const everywhere = (seen: Seen) => ({ verifyReport: seen, verifyPage: seen, pdf: seen });

  it('shows an anonymous holder and an unauthorised partner the same, masked for a natural person', async () => {
    const { number, verificationCode } = issued.get(kind)!;
    expect(await throughEveryDoor(number, verificationCode)).toEqual(everywhere(masked));
    const stranger = await tokenFor({ ...PARTNER, partnerId: 'doors-unauthorised' });
    expect(await throughEveryDoor(number, verificationCode, stranger)).toEqual(everywhere(masked));
    const otherSubject = await tokenFor({ role: 'SUBJECT', creditCode: '91520000214434146R' });
    expect(await throughEveryDoor(number, verificationCode, otherSubject)).toEqual(everywhere(masked));
  });

  it('shows the owner, an authorised partner and the lead department the same, in full', async () => {
    const { number, verificationCode } = issued.get(kind)!;
    for (const token of [
      await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }),
      await tokenFor(PARTNER),
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    ]) {
      expect(await throughEveryDoor(number, verificationCode, token)).toEqual(everywhere(full));
    }
  });
});

it('masks a natural person on every door in the first place (the test would pass vacuously otherwise)', () => {
  const person = DEMO_SUBJECTS.NATURAL_PERSON;
  expect(maskPersonName(person.name)).not.toBe(person.name);
  expect(maskIdNumber(person.creditCode)).toMatch(/^\d{4}\*+\w{4}$/);
});

import { formatReportNumber } from '@credit/reports';
import { DEMO_SUBJECTS } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';
import { extraGateway } from './support';

// The public doors to a report: GraphQL verifyReport, the /verify page (HTML and JSON) and the PDF
// by ?code=. One anonymous budget per IP covers them all; wrong codes for one number lock it.
const FAILURES_BEFORE_LOCK = 3;
const LOCK_SECONDS = 2;
let p: Platform;
let origin: string;
let report: { number: string; verificationCode: string };
const owner = DEMO_SUBJECTS.ENTERPRISE;

beforeAll(async () => {
  p = await startPlatform([entities, records, reports], {
    SEED_DEMO: 'true',
    VERIFY_FAILURES_BEFORE_LOCK: String(FAILURES_BEFORE_LOCK),
    VERIFY_LOCK_SECONDS: String(LOCK_SECONDS),
    VERIFY_FAILURE_DELAY_MS: '5',
  });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  const r = await gql(
    p.gatewayUrl,
    'mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }',
    { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] } },
    await tokenFor({ role: 'SUBJECT', creditCode: owner.creditCode }),
  );
  expect(r.errors).toBeUndefined();
  report = r.data!.issueReport;
});
afterAll(() => p.stop());

const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic number } }`;
const reportsDb = () => p.subgraphs.reports.app.dataSource;
const wrongCode = (code: string) => (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
let sequence = 9_000_000 + Math.floor(Math.random() * 900_000);
/** A well-formed number that was never issued. */
const unknownNumber = () => formatReportNumber('GZ', '20260101', ++sequence);

type Door = 'graphql' | 'html' | 'json' | 'pdf';
const DOORS: Door[] = ['graphql', 'html', 'json', 'pdf'];

/** One attempt through one door of `base`; the answer reduced to HTTP status, code and retry-after. */
async function attempt(base: string, door: Door, number: string, code: string) {
  if (door === 'graphql') {
    const r = await gql(`${base}/graphql`, VERIFY, { n: number, c: code });
    return { status: r.status, code: errorCode(r) ?? 'OK', retryAfter: r.headers.get('retry-after'), body: r };
  }
  const url =
    door === 'pdf'
      ? `${base}/reports/${number}.pdf?code=${code}`
      : `${base}/verify?number=${number}&code=${code}${door === 'json' ? '&format=json' : ''}`;
  const res = await fetch(url, { headers: { accept: door === 'html' ? 'text/html' : 'application/json' } });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? JSON.parse(text) : text;
  const code_ = typeof body === 'object' && body.errors ? body.errors[0].extensions.code : res.ok ? 'OK' : 'HTML';
  return { status: res.status, code: code_, retryAfter: res.headers.get('retry-after'), body };
}

describe('one anonymous budget for every door', () => {
  it('300 wrong codes from one IP: the budget is spent across the doors, then every door answers RATE_LIMITED', async () => {
    // A gateway of its own (own cache prefix, so a budget of its own) with a long window, so that
    // no window boundary falls inside the run.
    const g = await extraGateway(p, {
      RATE_LIMIT_ANONYMOUS_PER_IP: '120',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      CACHE_PREFIX: `${p.env.CACHE_PREFIX}-doors`,
    });
    const base = g.url.replace(/\/graphql$/, '');
    try {
      const answers = [];
      // Every attempt at a number of its own: no lock gets in the way of the budget.
      for (let i = 0; i < 300; i++)
        answers.push({ door: DOORS[i % 4], ...(await attempt(base, DOORS[i % 4], unknownNumber(), 'ABCDEFGHJK')) });
      const answered = answers.slice(0, 120);
      const limited = answers.slice(120);
      // Within the budget a wrong code is NOT_FOUND (404 on the pages, NOT_FOUND in GraphQL).
      expect(new Set(answered.map((a) => a.code))).toEqual(new Set(['NOT_FOUND', 'HTML']));
      for (const a of limited) {
        expect([a.door, a.status, a.code]).toEqual([a.door, 429, 'RATE_LIMITED']);
        expect(Number(a.retryAfter)).toBeGreaterThan(0);
      }
      expect(new Set(limited.map((a) => a.door))).toEqual(new Set(DOORS));
    } finally {
      await g.stop();
    }
  });
});

describe('wrong codes for one number lock it', () => {
  it('refuses the number on every door, even with the right code, until the lock ends', async () => {
    const { number, verificationCode } = report;
    const before = await attempt(origin, 'json', number, verificationCode);
    expect(before.code).toBe('OK');

    // Wrong codes through different doors add up; each is answered like an unknown number.
    const wrong = [];
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++)
      wrong.push((await attempt(origin, DOORS[i % 4], number, wrongCode(verificationCode))).status);
    expect(wrong.every((s) => s === 200 || s === 404)).toBe(true);

    // Locked: the right code is refused on every door, coded, with the time left.
    for (const door of DOORS) {
      const a = await attempt(origin, door, number, verificationCode);
      if (door === 'html') expect(a.body).toContain('已暂时锁定');
      else expect([door, a.code]).toEqual([door, 'VERIFICATION_LOCKED']);
      if (door === 'graphql') {
        const ext = (a.body as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions;
        expect(ext).toEqual({ code: 'VERIFICATION_LOCKED', field: 'number', retryAfterSeconds: expect.any(Number) });
        expect(JSON.stringify(a.body)).not.toMatch(/127\.0\.0\.1|"response"/);
      } else {
        expect(a.status).toBe(429);
        expect(Number(a.retryAfter)).toBeGreaterThan(0);
      }
    }
    // Another number is not affected.
    expect((await attempt(origin, 'json', unknownNumber(), 'ABCDEFGHJK')).status).toBe(404);

    // The lock ends by itself: the right code answers again (polled, no assertion on time).
    let after = await attempt(origin, 'json', number, verificationCode);
    while (after.code === 'VERIFICATION_LOCKED') {
      await new Promise((r) => setTimeout(r, 200));
      after = await attempt(origin, 'json', number, verificationCode);
    }
    expect(after.code).toBe('OK');
    expect(after.body).toMatchObject({ authentic: true, number });
  });

  it('locks a number that was never issued the same way (a lock says nothing about existence)', async () => {
    const number = unknownNumber();
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++)
      expect((await attempt(origin, 'pdf', number, 'ABCDEFGHJK')).status).toBe(404);
    const locked = await attempt(origin, 'pdf', number, 'ABCDEFGHJK');
    expect([locked.status, locked.code]).toEqual([429, 'VERIFICATION_LOCKED']);
  });

  it('audits every wrong code and the lock in the reports audit log, and counts them in metrics', async () => {
    const number = unknownNumber();
    const requestIds = [];
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
      const requestId = `wrong-code-${sequence}-${i}`;
      requestIds.push(requestId);
      await gql(p.gatewayUrl, VERIFY, { n: number, c: 'ABCDEFGHJK' }, undefined, { 'x-request-id': requestId });
    }
    const rows: {
      action: string;
      actor: string;
      role: string;
      target: string;
      requestId: string;
      subjectCode: null;
    }[] = await reportsDb().query(
      'SELECT action, actor, role, target, requestId, subjectCode FROM audit_log WHERE target = ? ORDER BY id',
      [number],
    );
    expect(rows.filter((r) => r.action === 'report.verify.failed').map((r) => r.requestId)).toEqual(requestIds);
    expect(rows.filter((r) => r.action === 'report.verify.locked')).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'ANONYMOUS', target: number, subjectCode: null });

    const metrics = await (await fetch(p.subgraphs.reports.url.replace('/graphql', '/metrics'))).text();
    const count = (door: string, outcome: string) =>
      Number(
        new RegExp(`report_verification_failures_total\\{[^}]*door="${door}",outcome="${outcome}"[^}]*\\} (\\d+)`).exec(
          metrics,
        )?.[1] ?? 0,
      );
    expect(count('graphql', 'wrong_code')).toBeGreaterThanOrEqual(FAILURES_BEFORE_LOCK);
    expect(count('pdf', 'locked')).toBeGreaterThanOrEqual(1);
  });
});

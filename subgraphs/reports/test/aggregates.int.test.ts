import { addDays, chinaDate } from '@credit/shared';
import { gql, tokenFor, usingMysql } from '@credit/shared/test';
import { checkReportTallies, rebuildReportTallies } from '../src/aggregates/reportTallies';
import { ReportDayTallyEntity } from '../src/aggregates/reportTally.entity';
import { DirectReportStatistics } from './directStatistics';
import { ISSUE, newSubject, startReportsStack, VERIFY, type Stack, type TestSubject } from './builders';

let s: Stack;
let analyst: string;
let base: string;
beforeAll(async () => {
  s = await startReportsStack();
  analyst = await tokenFor({ role: 'ANALYST' });
  base = s.reports.url.replace(/\/graphql$/, '');
});
afterAll(() => s.stop());

const ok = async (r: Promise<{ data?: any; errors?: unknown[] }>) => {
  const res = await r;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
};
const issue = (subject: TestSubject, scenario: string, channel: string) =>
  ok(gql(s.reports.url, ISSUE, { input: { scenario, channel, domains: ['D07'] } }, subject.token)).then(
    (d) => d.issueReport as { number: string; verificationCode: string },
  );
const REVOKE = 'mutation($n: String!, $r: String!) { revokeReport(number: $n, reason: $r) { status } }';
const revoke = (number: string, token: string) => ok(gql(s.reports.url, REVOKE, { n: number, r: '重新申请' }, token));
const verify = (number: string, code: string) => ok(gql(s.reports.url, VERIFY, { number, code }));
const STATS = `query($f: String, $t: String) { reportStatistics(from: $f, to: $t) {
  from to total revoked byScenario { key count } byChannel { key count } byMonth { key count } byRegion { key count }
  verified verifiedByScenario { key count } verifiedByChannel { key count } } }`;
const stats = (f: string | null = null, t: string | null = null) =>
  ok(gql(s.reports.url, STATS, { f, t }, analyst)).then((d) => d.reportStatistics);

const today = chinaDate();
const periods = (): [string | null, string | null][] => [
  [null, null],
  ['2020-01-01', today],
  [today, today],
  [addDays(today, -30), addDays(today, -1)],
];

/** The served issuance counts equal the scan of the reports, for every period. */
async function expectStatisticsEqualDirect() {
  const direct = new DirectReportStatistics(s.reports.app.dataSource);
  for (const [f, t] of periods()) {
    const { verified, verifiedByScenario, verifiedByChannel, ...served } = await stats(f, t);
    expect([verified, verifiedByScenario, verifiedByChannel]).toBeDefined();
    const expected = await direct.counts(served.from, served.to);
    expect({ period: [f, t], ...served }).toEqual({ period: [f, t], ...expected });
  }
  expect(await checkReportTallies(s.reports.app.dataSource)).toEqual([]);
}

const countOf = (list: { key: string; count: number }[], key: string) => list.find((c) => c.key === key)?.count ?? 0;

describe(`report tallies on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('serves the issuance counts a scan of the reports gives, after issuance and revocation', async () => {
    const a = await newSubject(s);
    const b = await newSubject(s, 'NATURAL_PERSON');
    const before = await stats(today, today);
    const r1 = await issue(a, 'FINANCING', 'GOV_SERVICE_PORTAL');
    await issue(a, 'BIDDING_PROCUREMENT', 'WEBSITE');
    const r3 = await issue(b, 'FINANCING', 'WEBSITE');
    await expectStatisticsEqualDirect();
    await revoke(r1.number, a.token);
    await revoke(r3.number, s.lead);
    await expectStatisticsEqualDirect();
    const after = await stats(today, today);
    expect(after.total - before.total).toBe(3);
    expect(after.revoked - before.revoked).toBe(2);
    expect(countOf(after.byScenario, 'FINANCING') - countOf(before.byScenario, 'FINANCING')).toBe(2);
  });

  it('counts each successful verification of an authentic report, by scenario and channel, and no failed one', async () => {
    const a = await newSubject(s);
    const r = await issue(a, 'ADMINISTRATIVE_APPROVAL', 'PUBLIC_RESOURCE_TRADING');
    const before = await stats();
    await verify(r.number, r.verificationCode);
    await verify(r.number, r.verificationCode.toLowerCase());
    // The /verify page (JSON and HTML) counts too.
    expect((await fetch(`${base}/verify?number=${r.number}&code=${r.verificationCode}&format=json`)).status).toBe(200);
    expect((await fetch(`${base}/verify?number=${r.number}&code=${r.verificationCode}`)).status).toBe(200);
    // A wrong code is not a verification.
    expect((await gql(s.reports.url, VERIFY, { number: r.number, code: 'ABCDEFGHJK' })).errors).toBeDefined();
    const after = await stats();
    expect(after.verified - before.verified).toBe(4);
    expect(
      countOf(after.verifiedByScenario, 'ADMINISTRATIVE_APPROVAL') -
        countOf(before.verifiedByScenario, 'ADMINISTRATIVE_APPROVAL'),
    ).toBe(4);
    expect(
      countOf(after.verifiedByChannel, 'PUBLIC_RESOURCE_TRADING') -
        countOf(before.verifiedByChannel, 'PUBLIC_RESOURCE_TRADING'),
    ).toBe(4);
    // Verifying does not count as issuing.
    expect(after.total).toBe(before.total);
    // A verification of a revoked report is still a verification of an authentic report.
    await revoke(r.number, a.token);
    await verify(r.number, r.verificationCode);
    expect((await stats()).verified - after.verified).toBe(1);
    await expectStatisticsEqualDirect();
  });

  it('stays equal to the scan under concurrent issuance, revocation and verification', async () => {
    const subjects = await Promise.all([newSubject(s), newSubject(s), newSubject(s)]);
    const first = await Promise.all(subjects.map((x) => issue(x, 'FINANCING', 'WEBSITE')));
    const before = await stats();
    const scenarios = ['FINANCING', 'BIDDING_PROCUREMENT', 'ADMINISTRATIVE_APPROVAL'];
    await Promise.all([
      ...Array.from({ length: 18 }, (_, i) => issue(subjects[i % 3], scenarios[i % 3], 'WEBSITE')),
      ...first.map((r, i) => revoke(r.number, subjects[i].token)),
      ...Array.from({ length: 12 }, (_, i) => verify(first[i % 3].number, first[i % 3].verificationCode)),
    ]);
    const after = await stats();
    expect(after.total - before.total).toBe(18);
    expect(after.revoked - before.revoked).toBe(3);
    expect(after.verified - before.verified).toBe(12);
    await expectStatisticsEqualDirect();
  });

  it('finds a drifted tally, and the rebuild restores issuance counts while keeping verification counts', async () => {
    const a = await newSubject(s);
    const r = await issue(a, 'FINANCING', 'GOV_SERVICE_PORTAL');
    await verify(r.number, r.verificationCode);
    const before = await stats();
    const db = s.reports.app.dataSource;
    const repo = db.getRepository(ReportDayTallyEntity);
    const row = await repo.findOneByOrFail({
      day: today,
      scenario: 'FINANCING',
      channel: 'GOV_SERVICE_PORTAL',
      regionCode: '520100',
    });
    await repo.update(
      { day: today, scenario: 'FINANCING', channel: 'GOV_SERVICE_PORTAL', regionCode: '520100' },
      { issued: Number(row.issued) + 5, revoked: Number(row.revoked) + 1 },
    );
    const drifts = await checkReportTallies(db);
    expect(drifts).toEqual([
      expect.objectContaining({
        key: `${today}/FINANCING/GOV_SERVICE_PORTAL/520100`,
        stored: expect.stringMatching(/^issued=/),
      }),
    ]);
    expect((await stats()).total).toBe(before.total + 5);
    const progress: number[] = [];
    const rebuilt = await rebuildReportTallies(db, (done) => progress.push(done));
    expect(rebuilt.rows).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(rebuilt.rows);
    expect(await checkReportTallies(db)).toEqual([]);
    expect(await stats()).toEqual(before);
    await expectStatisticsEqualDirect();
  });
});

import { errorCode, gql, startApp, usingMysql } from '@credit/shared/test';
import { createObjectionsApp, loadObjectionsEnv, type ObjectionsApp } from '../src';
import { checkObjectionTallies, rebuildObjectionTallies } from '../src/aggregates/objectionTallies';
import { ObjectionTallyEntity } from '../src/aggregates/objectionTally.entity';
import { DirectObjectionStatistics } from './directStatistics';
import {
  aRecord,
  ACCEPT,
  analystToken,
  CLOSE,
  FILE,
  leadToken,
  REASSIGN,
  REFUSE,
  RESOLVE,
  START,
  subjectToken,
  unitToken,
  WITHDRAW,
} from './builders';
import { FakeRecords } from './fakeRecords';

const fake = new FakeRecords();
let now = new Date('2026-01-05T02:00:00Z');
let h: Awaited<ReturnType<typeof startApp<ObjectionsApp>>>;
let lead: string;
let analyst: string;
// Units of this run only, so that the counts under them are this test's alone.
const run = Math.floor(Math.random() * 1e6);
const UNIT_A = `GZ-A${run}`;
const UNIT_B = `GZ-B${run}`;

beforeAll(async () => {
  await fake.start();
  fake.units.push({ ...fake.units[0], code: UNIT_A }, { ...fake.units[0], code: UNIT_B });
  h = await startApp((env) => createObjectionsApp(loadObjectionsEnv(env), { clock: () => now }), {
    RECORDS_URL: fake.url,
    ENTITIES_URL: fake.url,
    OUTBOX_POLL_MS: '0',
  });
  lead = await leadToken();
  analyst = await analystToken();
});
afterAll(async () => {
  await h.stop();
  await fake.down();
});

const ok = async (r: Promise<{ data?: any; errors?: unknown[] }>) => {
  const res = await r;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
};
const file = async (unit: string, type = 'RECORD_ERROR') => {
  const record = aRecord(fake, { sourceUnitCode: unit });
  const d = await ok(
    gql(
      h.url,
      FILE,
      { input: { recordId: record.id, reason: '记录有误', type } },
      await subjectToken(record.creditCode),
    ),
  );
  return { ...d.fileObjection, owner: await subjectToken(record.creditCode) };
};
const unit = (code: string) => unitToken(code, ['D07']);
const STATS = `query($from: String, $to: String) { objectionStatistics(fromMonth: $from, toMonth: $to) {
  fromMonth toMonth total decided medianHandlingDays overdue byStatus { key count } byType { key count }
  byUnit { key count } byMonth { key count } overdueByUnit { key count } } }`;
const stats = (from: string | null, to: string | null) =>
  ok(gql(h.url, STATS, { from, to }, analyst)).then((d) => d.objectionStatistics);

const ranges: [string | null, string | null][] = [
  [null, null],
  ['2026-01', '2026-01'],
  ['2026-02', null],
  [null, '2026-02'],
  ['2026-03', '2026-12'],
];

/** The served statistics equal the scan of the objections, for every month range, today as the service sees it. */
async function expectStatisticsEqualDirect() {
  const direct = new DirectObjectionStatistics(h.app.dataSource);
  const today = h.app.services.objections.today();
  for (const [from, to] of ranges) {
    const served = await stats(from, to);
    const expected = await direct.statistics(today, from, to);
    expect({ range: [from, to], ...served }).toEqual({ range: [from, to], ...expected });
  }
  expect(await checkObjectionTallies(h.app.dataSource)).toEqual([]);
}

describe(`objection tallies on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  const filed: any[] = [];

  it('serves the answers of a scan through filing, every transition and the passing of due days', async () => {
    filed.push(await file(UNIT_A), await file(UNIT_A, 'EXPLANATION_REQUEST'), await file(UNIT_B));
    await expectStatisticsEqualDirect();
    now = new Date('2026-02-10T02:00:00Z');
    // Past the January due days: overdue counts move without any write.
    await expectStatisticsEqualDirect();
    filed.push(await file(UNIT_B), await file(UNIT_A));
    await ok(gql(h.url, REFUSE, { id: filed[0].id, reason: '不属于异议范围' }, lead));
    await ok(gql(h.url, ACCEPT, { id: filed[1].id }, lead));
    await ok(gql(h.url, ACCEPT, { id: filed[2].id }, lead));
    await expectStatisticsEqualDirect();
    now = new Date('2026-03-02T02:00:00Z');
    await ok(gql(h.url, START, { id: filed[1].id }, await unit(UNIT_A)));
    // A reassignment keeps FORWARDED but changes the unit and the due day.
    await ok(gql(h.url, REASSIGN, { id: filed[2].id, unit: UNIT_A }, lead));
    await ok(
      gql(
        h.url,
        RESOLVE,
        { input: { id: filed[1].id, outcome: 'UPHELD', explanation: '已说明依据' } },
        await unit(UNIT_A),
      ),
    );
    await ok(gql(h.url, WITHDRAW, { id: filed[3].id }, filed[3].owner));
    await expectStatisticsEqualDirect();
    await ok(gql(h.url, CLOSE, { id: filed[1].id }, lead));
    filed.push(await file(UNIT_B));
    now = new Date('2026-04-20T02:00:00Z');
    await expectStatisticsEqualDirect();
    const all = await stats(null, null);
    expect(all.byUnit).toEqual(
      expect.arrayContaining([
        { key: UNIT_A, count: 4 },
        { key: UNIT_B, count: 2 },
      ]),
    );
    expect(all.decided).toBeGreaterThanOrEqual(2);
  });

  it('stays equal to the scan under concurrent filings and concurrent acts on the same objections', async () => {
    now = new Date('2026-05-06T02:00:00Z');
    const more = await Promise.all(Array.from({ length: 12 }, (_, i) => file(i % 2 ? UNIT_A : UNIT_B)));
    // Each objection accepted and refused at once: exactly one of the two commits.
    const results = await Promise.all(
      more.flatMap((o) => [
        gql(h.url, ACCEPT, { id: o.id }, lead),
        gql(h.url, REFUSE, { id: o.id, reason: '重复提交' }, lead),
      ]),
    );
    const failed = results.filter((r) => r.errors);
    expect(failed).toHaveLength(12);
    expect(failed.every((r) => errorCode(r) === 'CONFLICT')).toBe(true);
    // Two reassignments of one objection at once: one commits, the other sees the unit changed.
    const forwarded = more.filter((_, i) => results[2 * i].data?.acceptObjection);
    if (forwarded.length > 0) {
      const [x, y] = await Promise.all([
        gql(h.url, REASSIGN, { id: forwarded[0].id, unit: `GZ-C${run}` }, lead),
        gql(h.url, REASSIGN, { id: forwarded[0].id, unit: `GZ-D${run}` }, lead),
      ]);
      expect([x, y].filter((r) => r.errors).length).toBeLessThanOrEqual(1);
    }
    await expectStatisticsEqualDirect();
  });

  it('finds a drifted tally, and the rebuild restores it', async () => {
    const db = h.app.dataSource;
    const before = await stats(null, null);
    const repo = db.getRepository(ObjectionTallyEntity);
    const row = (await repo.find()).find((r) => r.unitCode === UNIT_A)!;
    await repo.update(
      { filedMonth: row.filedMonth, status: row.status, type: row.type, unitCode: row.unitCode, dueOn: row.dueOn },
      { objections: Number(row.objections) + 3 },
    );
    const drifts = await checkObjectionTallies(db);
    expect(drifts).toEqual([
      expect.objectContaining({
        table: 'objection_tally',
        stored: Number(row.objections) + 3,
        expected: Number(row.objections),
      }),
    ]);
    expect((await stats(null, null)).total).toBe(before.total + 3);
    const seen: number[] = [];
    await rebuildObjectionTallies(db, (done) => seen.push(done));
    expect(seen.length).toBeGreaterThan(0);
    expect(await checkObjectionTallies(db)).toEqual([]);
    expect(await stats(null, null)).toEqual(before);
    await expectStatisticsEqualDirect();
  });
});

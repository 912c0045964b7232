import { DEMO_SUBJECTS, demoSubjects } from '@credit/shared';
import { errorCode, gql, startApp, usingMysql } from '@credit/shared/test';
import { createObjectionsApp, loadObjectionsEnv, type ObjectionsApp } from '../src';
import { ObjectionEntity } from '../src/objection/objection.entity';
import {
  aRecord,
  ACCEPT,
  analystToken,
  FILE,
  leadToken,
  REFUSE,
  RESOLVE,
  START,
  subjectToken,
  unitToken,
} from './builders';
import { FakeRecords } from './fakeRecords';

const fake = new FakeRecords();
let now = new Date('2026-09-29T02:00:00Z'); // Tuesday before the National Day week
let h: Awaited<ReturnType<typeof startApp<ObjectionsApp>>>;
let lead: string;

beforeAll(async () => {
  await fake.start();
  // Holidays overridden: Oct 1-7 plus an invented local holiday on Friday 2026-10-16.
  const holidays = ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-16'].join(',');
  h = await startApp((env) => createObjectionsApp(loadObjectionsEnv(env), { clock: () => now }), {
    RECORDS_URL: fake.url,
    ENTITIES_URL: fake.url,
    OUTBOX_POLL_MS: '0',
    HOLIDAYS: holidays,
    MAKEUP_WORKDAYS: '2026-10-10',
    REVIEW_WORKING_DAYS: '6',
  });
  lead = await leadToken();
});
afterAll(async () => {
  await h.stop();
  await fake.down();
});

const file = async (unit = 'GZ-D07') => {
  const record = aRecord(fake, { sourceUnitCode: unit });
  const r = await gql(
    h.url,
    FILE,
    {
      input: {
        recordId: record.id,
        reason: '记录有误',
        type: unit === 'GZ-D14' ? 'EXPLANATION_REQUEST' : 'RECORD_ERROR',
      },
    },
    await subjectToken(record.creditCode),
  );
  return r.data!.fileObjection;
};
const OVERDUE = `query($unit: String) { overdueObjections(unitCode: $unit) { number unitCode status dueDate overdue } }`;
const STATS = `query($from: String, $to: String) { objectionStatistics(fromMonth: $from, toMonth: $to) {
  total decided medianHandlingDays overdue byStatus { key count } byType { key count } byUnit { key count } byMonth { key count } overdueByUnit { key count } } }`;

describe(`deadlines, overdue lists and statistics on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  let a: any, b: any, c: any, d: any;

  it('computes due dates with the configured holidays and make-up days', async () => {
    a = await file();
    // Two working days from Tuesday Sep 29: Wed Sep 30, then Oct 1-2 holidays, the weekend, Oct 5-7 holidays, Thu Oct 8.
    expect(a).toMatchObject({ acceptDueDate: '2026-10-08', dueDate: '2026-10-08', overdue: false });
  });

  it('lists overdue objections for the lead department and counts them per unit', async () => {
    b = await file('GZ-D14');
    c = await file('GZ-D14');
    now = new Date('2026-10-08T02:00:00Z'); // due day itself: still in time
    expect((await gql(h.url, OVERDUE, {}, lead)).data!.overdueObjections).toEqual([]);
    now = new Date('2026-10-09T02:00:00Z'); // Friday: a, b, c are past Oct 8
    d = await file();
    expect(d.acceptDueDate).toBe('2026-10-12'); // Saturday Oct 10 is a make-up working day, then Monday
    const accepted = (await gql(h.url, ACCEPT, { id: c.id }, lead)).data!.acceptObjection;
    // 6 review days from Fri Oct 9: Oct 10 (make-up), 12, 13, 14, 15, (16 is a holiday) 19.
    expect(accepted).toMatchObject({ reviewDueDate: '2026-10-19', dueDate: '2026-10-19', overdue: false });
    await gql(h.url, REFUSE, { id: b.id, reason: '不属于受理范围' }, lead);

    const overdue = (await gql(h.url, OVERDUE, {}, lead)).data!.overdueObjections;
    expect(overdue.map((o: any) => o.number)).toEqual([a.number]);
    expect(overdue[0]).toMatchObject({ status: 'SUBMITTED', dueDate: '2026-10-08', overdue: true });

    now = new Date('2026-10-20T02:00:00Z'); // Tuesday: c's Oct 19 and d's Oct 12 have passed
    const later = (await gql(h.url, OVERDUE, {}, lead)).data!.overdueObjections;
    expect(later.map((o: any) => o.number)).toEqual([a.number, c.number, d.number]);
    expect(
      (await gql(h.url, OVERDUE, { unit: 'GZ-D14' }, lead)).data!.overdueObjections.map((o: any) => o.number),
    ).toEqual([c.number]);
    // A unit sees only its own, and may not ask for another's.
    expect(
      (await gql(h.url, OVERDUE, {}, await unitToken('GZ-D14', ['D14']))).data!.overdueObjections.map(
        (o: any) => o.number,
      ),
    ).toEqual([c.number]);
    expect(errorCode(await gql(h.url, OVERDUE, { unit: 'GZ-D07' }, await unitToken('GZ-D14', ['D14'])))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await gql(h.url, OVERDUE, {}, await analystToken()))).toBe('FORBIDDEN');
    const s = (await gql(h.url, STATS, {}, lead)).data!.objectionStatistics;
    expect(s.overdue).toBe(3);
    expect(s.overdueByUnit).toEqual([
      { key: 'GZ-D07', count: 2 },
      { key: 'GZ-D14', count: 1 },
    ]);
  });

  it('gives the lead department and analysts aggregates by status, type, unit and month, with the median handling time', async () => {
    // b: filed Sep 29 10:00, refused Oct 9 10:00 = 10 days; c: decided Oct 21 10:00 = 22 days.
    now = new Date('2026-10-21T02:00:00Z');
    await gql(h.url, START, { id: c.id }, await unitToken('GZ-D14', ['D14']));
    const r = await gql(
      h.url,
      RESOLVE,
      { input: { id: c.id, outcome: 'UPHELD', explanation: '已向申请人说明处罚依据' } },
      await unitToken('GZ-D14', ['D14']),
    );
    // An explanation request may be upheld without a correction.
    expect(r.data!.resolveObjection).toMatchObject({ status: 'UPHELD', correction: null });
    for (const token of [lead, await analystToken()]) {
      const s = (await gql(h.url, STATS, {}, token)).data!.objectionStatistics;
      expect(s).toMatchObject({
        total: 4,
        decided: 2,
        medianHandlingDays: 16,
        overdue: 2,
        byStatus: [
          { key: 'REFUSED', count: 1 },
          { key: 'SUBMITTED', count: 2 },
          { key: 'UPHELD', count: 1 },
        ],
        byType: [
          { key: 'EXPLANATION_REQUEST', count: 2 },
          { key: 'RECORD_ERROR', count: 2 },
        ],
        byUnit: [
          { key: 'GZ-D07', count: 2 },
          { key: 'GZ-D14', count: 2 },
        ],
        byMonth: [
          { key: '2026-09', count: 3 },
          { key: '2026-10', count: 1 },
        ],
      });
    }
    const october = (await gql(h.url, STATS, { from: '2026-10', to: '2026-10' }, lead)).data!.objectionStatistics;
    expect(october).toMatchObject({
      total: 1,
      decided: 0,
      medianHandlingDays: null,
      byMonth: [{ key: '2026-10', count: 1 }],
    });
    expect((await gql(h.url, STATS, { from: '2026-13' }, lead)).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fromMonth',
    });
    expect(errorCode(await gql(h.url, STATS, {}, await unitToken()))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, STATS, {}, await subjectToken(a.creditCode)))).toBe('FORBIDDEN');
  });
});

describe('demo seed', () => {
  it("seeds one objection per state from records' demo data, deterministically and once", async () => {
    const seedFake = new FakeRecords();
    await seedFake.start();
    const subjects = demoSubjects()
      .filter((s) => s.kind !== 'NATURAL_PERSON')
      .slice(0, 10);
    subjects.forEach((s, i) =>
      seedFake.add({
        id: `01DEMOREC${String(i).padStart(17, '0')}`,
        creditCode: s.creditCode,
        subjectType: 'LEGAL_ENTITY',
        sourceUnitCode: 'GZ-D07',
        domainCode: 'D07',
        status: 'EFFECTIVE',
      }),
    );
    const env = { RECORDS_URL: seedFake.url, OUTBOX_POLL_MS: '0', SEED_DEMO: 'true' };
    const first = await startApp((e) => createObjectionsApp(loadObjectionsEnv(e)), env);
    try {
      await first.app.seeded;
      const rows = await first.app.dataSource.getRepository(ObjectionEntity).find({ order: { number: 'ASC' } });
      expect(rows.map((r) => r.status)).toEqual([
        'SUBMITTED',
        'REFUSED',
        'FORWARDED',
        'UNDER_REVIEW',
        'UPHELD',
        'REJECTED',
        'CLOSED',
        'WITHDRAWN',
      ]);
      expect(rows[0].creditCode).toBe(DEMO_SUBJECTS.ENTERPRISE.creditCode);
      expect(rows.every((r) => r.demo)).toBe(true);
      await first.app.drainOutbox();
      expect(seedFake.applied.has(`${rows[4].id}:internalApplyCorrection`)).toBe(true);
      // A second start on the same database seeds nothing more.
      await first.app.services.objections.today();
      const { seedDemoObjections } = await import('../src/seed/demoSeed');
      expect(await seedDemoObjections(first.app.services, first.app.logger)).toEqual({ created: 0 });
    } finally {
      await first.stop();
      await seedFake.down();
    }
  });

  it('starts without demo objections when records cannot be reached', async () => {
    const app = await startApp((e) => createObjectionsApp(loadObjectionsEnv(e)), {
      RECORDS_URL: 'http://127.0.0.1:9/graphql',
      OUTBOX_POLL_MS: '0',
      SEED_DEMO: 'true',
    });
    try {
      await app.app.seeded;
      expect(await app.app.dataSource.getRepository(ObjectionEntity).count()).toBe(0);
      expect((await fetch(app.url.replace('/graphql', '/health/ready'))).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

import { addDays, chinaDate } from '@credit/shared';
import { gql, tokenFor, usingMysql } from '@credit/shared/test';
import { checkTallies, rebuildTallies } from '../src/aggregates/tallyMaintenance';
import { RecordMonthTallyEntity } from '../src/aggregates/recordTally.entity';
import { DirectQuality } from '../src/quality/qualitySource';
import { QualityService } from '../src/quality/quality.service';
import { DirectStatistics } from './directStatistics';
import { lastDayOfMonth, splitPeriod } from '../src/aggregates/tallyPeriod';
import { loadRecordsEnv } from '../src/env';
import { recordInput, registerUnit, startRecordsWithEntities, SUBMIT, wrongCheck } from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
let url: string;
let analyst: string;
let lead: string;
let service: string;
const today = chinaDate();
const run = Math.floor(Math.random() * 1e6);
const units = [
  { code: `GZ-A${run}`, domains: ['D07'], region: '520100' },
  { code: `GZ-B${run}`, domains: ['D14'], region: '520300' },
];
const tokens: string[] = [];

beforeAll(async () => {
  h = await startRecordsWithEntities();
  url = h.records.url;
  analyst = await tokenFor({ role: 'ANALYST' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  service = await tokenFor({ role: 'SERVICE', service: 'objections' });
  for (const u of units) {
    await registerUnit(h.entities.url, u.code, u.domains, u.region);
    tokens.push(await tokenFor({ role: 'SOURCE_UNIT', unitCode: u.code, domains: u.domains }));
  }
});
afterAll(() => h.stop());

const ok = async (r: Promise<{ data?: any; errors?: unknown[] }>) => {
  const res = await r;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
};
const submit = (rows: Record<string, unknown>[], u: number) =>
  ok(gql(url, SUBMIT, { records: rows }, tokens[u])).then(
    (d) => d.submitRecords as { results: { recordId: string; verdict: string }[] },
  );

const STATS = `query($f: String, $t: String, $d: [String!]) { recordStatistics(from: $f, to: $t, domains: $d) {
  from to records repaired
  byDomain { key records repaired } byRegion { key records repaired }
  byCategory { key records repaired } byMonth { key records repaired } } }`;
const QUALITY = `query($f: String!, $t: String!, $u: String, $late: Int) { recordQuality(from: $f, to: $t, unitCode: $u, lateThresholdDays: $late) {
  unitCode from to batches rowsSubmitted accepted created updated unchanged excluded rejected rejectionRate
  rejectedByReason { reason rows } newRecords lagMedianDays lagP90Days lateRows lateThresholdDays } }`;
const WARNINGS = `query($f: String!, $t: String!) { recordQualityWarnings(from: $f, to: $t, lateThresholdDays: 5, rejectionRateThreshold: 0.05) {
  from to warnings { unitCode late highRejectionRate quality { unitCode rowsSubmitted rejected lateRows } }
  silentUnits { unitCode } nameMismatches { unitCode records } } }`;

/** Periods that start and end inside months, on month boundaries, within one month, and the default. */
const periods = (): [string | null, string | null][] => [
  [null, null],
  ['2020-01-01', today],
  [addDays(today, -400), addDays(today, -17)],
  [`${addDays(today, -95).slice(0, 7)}-01`, today],
  [addDays(today, -45), addDays(today, -40)],
  [today, today],
];

/** The served statistics equal the direct scan of the records, for every period and domain filter. */
async function expectStatisticsEqualDirect() {
  const direct = new DirectStatistics(h.records.app.services.db);
  for (const [f, t] of periods()) {
    for (const d of [null, ['D07'], ['D14', 'D07'], ['D99']]) {
      const served = (await ok(gql(url, STATS, { f, t, d }, analyst))).recordStatistics;
      const period = h.records.app.services.history.period(f, t);
      const expected = await direct.statistics(period.from, period.to, d);
      expect({ period: [f, t, d], ...served }).toEqual({ period: [f, t, d], ...JSON.parse(JSON.stringify(expected)) });
    }
  }
}

/** The served quality figures and warnings equal those computed from the submission log and the records. */
async function expectQualityEqualDirect() {
  const s = h.records.app.services;
  const env = loadRecordsEnv(h.records.env);
  const direct = new QualityService(
    s.db,
    s.directory,
    { lateThresholdDays: env.LATE_THRESHOLD_DAYS, rejectionRateWarning: env.REJECTION_RATE_WARNING },
    new DirectQuality(s.db),
  );
  for (const [f, t] of [
    [today, today],
    [addDays(today, -30), today],
    ['2020-01-01', today],
    [addDays(today, -30), addDays(today, -1)],
  ]) {
    for (const u of [undefined, units[0].code]) {
      for (const late of [undefined, 3, 400]) {
        const served = (await ok(gql(url, QUALITY, { f, t, u, late }, lead))).recordQuality;
        const expected = await direct.unitQuality(f, t, u ? [u] : undefined, late ?? env.LATE_THRESHOLD_DAYS);
        expect({ at: [f, t, u, late], served }).toEqual({
          at: [f, t, u, late],
          served: JSON.parse(JSON.stringify(expected)),
        });
      }
    }
    const served = (await ok(gql(url, WARNINGS, { f, t }, lead))).recordQualityWarnings;
    // (the whole-month periods below are read from the month tallies)
    const expected = await direct.warnings(f, t, 5, 0.05);
    expect(served).toEqual({
      from: expected.from,
      to: expected.to,
      warnings: expected.warnings.map((w) => ({
        unitCode: w.unitCode,
        late: w.late,
        highRejectionRate: w.highRejectionRate,
        quality: {
          unitCode: w.quality.unitCode,
          rowsSubmitted: w.quality.rowsSubmitted,
          rejected: w.quality.rejected,
          lateRows: w.quality.lateRows,
        },
      })),
      silentUnits: expected.silentUnits.map((x) => ({ unitCode: x.unitCode })),
      nameMismatches: expected.nameMismatches,
    });
  }
}

/**
 * Periods of whole months (the month grain of the lag tallies): the API takes no day after today,
 * so the service itself answers for the month of today and for the one before it with today's month.
 */
async function expectWholeMonthQualityEqualDirect() {
  const s = h.records.app.services;
  const env = loadRecordsEnv(h.records.env);
  const settings = { lateThresholdDays: env.LATE_THRESHOLD_DAYS, rejectionRateWarning: env.REJECTION_RATE_WARNING };
  const direct = new QualityService(s.db, s.directory, settings, new DirectQuality(s.db));
  const month = today.slice(0, 7);
  const before = `${addDays(`${month}-01`, -1).slice(0, 7)}-01`;
  for (const [f, t] of [
    [`${month}-01`, lastDayOfMonth(month)],
    [before, lastDayOfMonth(month)],
    [addDays(before, 3), lastDayOfMonth(month)],
  ])
    for (const late of [0, 3, 29, 30, 31, 95, 400])
      expect({ at: [f, t, late], q: await s.quality.unitQuality(f, t, undefined, late) }).toEqual({
        at: [f, t, late],
        q: await direct.unitQuality(f, t, undefined, late),
      });
}

/** Rows over several months, regions and categories, with a few the unit's domain or validation rejects. */
function batch(u: number, n: number, seed: number) {
  const unit = units[u];
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const k = seed * 31 + i * 7;
    rows.push(
      recordInput({
        domainCode: unit.domains[0],
        decisionDate: addDays(today, -1 - ((k * 13) % 420)),
        regionCode: ['520100', '520300', '522600'][k % 3],
        category: ['ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_COERCION', 'SERIOUS_DISHONESTY_LIST'][k % 3],
      }),
    );
  }
  const base = recordInput();
  rows.push({ ...base, creditCode: wrongCheck(base.creditCode) });
  rows.push(recordInput({ fineAmount: '-1' }));
  return rows;
}

describe(`statistics and quality from the maintained tallies on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('splits a period into whole months and the days of its partial months', () => {
    expect(splitPeriod('2024-01-01', '2024-03-31')).toEqual({ months: ['2024-01', '2024-03'], days: [] });
    expect(splitPeriod('2024-01-15', '2024-03-10')).toEqual({
      months: ['2024-02', '2024-02'],
      days: [
        ['2024-01-15', '2024-01-31'],
        ['2024-03-01', '2024-03-10'],
      ],
    });
    expect(splitPeriod('2024-02-03', '2024-02-20')).toEqual({ days: [['2024-02-03', '2024-02-20']] });
    // No whole month inside: the days alone (at most two months' worth).
    expect(splitPeriod('2023-12-31', '2024-01-30')).toEqual({ days: [['2023-12-31', '2024-01-30']] });
    expect(splitPeriod('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02', '2024-02'], days: [] });
  });

  it('answers as the direct scan does under concurrent writers, after updates, corrections, repairs and revocations', async () => {
    // Several units' batches at once, through the API: the tallies' upserts race on shared keys.
    const firstRows = batch(0, 25, 1);
    const first = await Promise.all([
      submit(firstRows, 0),
      submit(batch(1, 25, 2), 1),
      submit(batch(0, 25, 3), 0),
      submit(batch(1, 25, 4), 1),
      submit(batch(0, 25, 5), 0),
      submit(batch(1, 25, 6), 1),
    ]);
    const ids = first.flatMap((b) => b.results.filter((r) => r.verdict === 'CREATED').map((r) => r.recordId));
    expect(ids.length).toBe(150);
    await expectStatisticsEqualDirect();
    await expectQualityEqualDirect();
    await expectWholeMonthQualityEqualDirect();

    // A resubmission that moves decisions to another day, region and category (an UPDATED verdict).
    const moved = firstRows.slice(0, 5);
    const update = await submit(
      moved.map((r) => ({
        ...r,
        decisionDate: addDays(today, -3),
        regionCode: '522700',
        category: 'CRIMINAL_JUDGMENT',
        penaltyTypes: [],
        fineAmount: null,
        penaltyContent: '判处罚金',
      })),
      0,
    );
    expect(update.results.map((r) => r.verdict)).toEqual(Array(5).fill('UPDATED'));

    // Corrections, a repair and a revocation through the internal API (what upheld objections do).
    const correct = `mutation($input: CorrectionInput!) { internalApplyCorrection(input: $input) { id status } }`;
    await ok(
      gql(
        url,
        correct,
        {
          input: {
            recordId: ids[10],
            objectionId: `agg-${run}-1`,
            action: 'CORRECT',
            reason: '异议成立，更正决定日期和地区',
            changes: { decisionDate: addDays(today, -200), regionCode: '522300' },
          },
        },
        service,
      ),
    );
    await ok(
      gql(
        url,
        correct,
        { input: { recordId: ids[11], objectionId: `agg-${run}-2`, action: 'REPAIR', reason: '已完成信用修复' } },
        service,
      ),
    );
    await ok(
      gql(
        url,
        correct,
        { input: { recordId: ids[12], objectionId: `agg-${run}-3`, action: 'REVOKE', reason: '决定已被撤销' } },
        service,
      ),
    );
    // The unit's own repair and revocation (recordS service path), concurrently with more batches.
    const repair = `mutation($id: ID!) { repairRecord(id: $id, basis: "信用修复决定书") { status } }`;
    const revoke = `mutation($id: ID!) { revokeRecord(id: $id, reason: "决定被复议撤销") { status } }`;
    await Promise.all([
      ok(gql(url, repair, { id: ids[1] }, tokens[0])),
      ok(gql(url, revoke, { id: ids[2] }, tokens[0])),
      ok(gql(url, repair, { id: ids[26] }, tokens[1])),
      submit(batch(1, 10, 7), 1),
      submit(batch(0, 10, 8), 0),
    ]);
    // A repaired record revoked afterwards leaves both counts.
    await ok(gql(url, revoke, { id: ids[1] }, tokens[0]));

    await expectStatisticsEqualDirect();
    await expectQualityEqualDirect();
    await expectWholeMonthQualityEqualDirect();
    expect(await checkTallies(h.records.app.services.db)).toEqual([]);
  });

  it('finds a drifted tally and rebuilds every tally to the same answers', async () => {
    const db = h.records.app.services.db;
    const before = (await ok(gql(url, STATS, { f: '2020-01-01', t: today }, analyst))).recordStatistics;
    await db
      .getRepository(RecordMonthTallyEntity)
      .createQueryBuilder()
      .update()
      .set({ records: () => 'records + 5' })
      .where("cut = 'total' AND domainCode = :d", { d: '*' })
      .execute();
    const drifts = await checkTallies(db);
    expect(drifts.length).toBeGreaterThan(0);
    expect(drifts[0]).toMatchObject({ table: 'record_month_tally' });
    const progress: number[] = [];
    const rebuilt = await rebuildTallies(db, (done) => progress.push(done));
    expect(rebuilt.rows).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(rebuilt.months);
    expect(await checkTallies(db)).toEqual([]);
    expect((await ok(gql(url, STATS, { f: '2020-01-01', t: today }, analyst))).recordStatistics).toEqual(before);
    await expectStatisticsEqualDirect();
    await expectQualityEqualDirect();
    await expectWholeMonthQualityEqualDirect();
  });
});

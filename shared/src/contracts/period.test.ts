import { chinaDate } from './calendar';
import { earliestNormalStart, isLongerThanNormal } from './normalPeriod';
import { COVERAGE_START, ISSUANCE_PERIOD_FIELDS, periodEnvShape, resolvePeriod, type PeriodRequest } from './period';

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};

const today = '2026-11-26';
/** Issuance as reports applies it. */
const issue = (req: PeriodRequest, maxYears = 5) =>
  resolvePeriod(req, {
    today,
    maxYears,
    fields: ISSUANCE_PERIOD_FIELDS,
    longerNeedsRequirement: true,
    futureEnd: 'refuse',
  });
/** A history or statistics query as records applies it. */
const history = (req: PeriodRequest, maxYears = 5) => resolvePeriod(req, { today, maxYears });

describe('report period rules', () => {
  it('defaults to the five years ending today', () => {
    expect(issue({})).toEqual({
      from: '2021-11-27',
      to: today,
      coverageFrom: '2021-11-27',
      requiredByReportUser: null,
    });
    expect(issue({ to: '2024-02-29' })).toMatchObject({
      from: '2019-03-01',
      coverageFrom: COVERAGE_START,
    });
  });

  it('accepts exactly five years but not a day more without the report user who requires it', () => {
    expect(issue({ from: '2021-11-27' }).from).toBe('2021-11-27');
    expect(field(() => issue({ from: '2021-11-26' }))).toBe('input.periodFrom');
    expect(issue({ from: '2021-11-26', requiredBy: ' 某银行授信要求 ' })).toMatchObject({
      from: '2021-11-26',
      requiredByReportUser: '某银行授信要求',
    });
    expect(field(() => issue({ from: '2021-11-26', requiredBy: '   ' }))).toBe('input.periodFrom');
  });

  it('reports the true coverage start for a period starting before 2020', () => {
    const p = issue({ from: '2015-01-01', requiredBy: '上市审核要求十年' });
    expect(p).toMatchObject({ from: '2015-01-01', coverageFrom: '2020-01-01' });
  });

  it('names the field of every bad period', () => {
    expect(field(() => issue({ to: '2026-11-27' }))).toBe('input.periodTo');
    expect(field(() => issue({ to: '2019-12-31', requiredBy: 'x' }))).toBe('input.periodTo');
    expect(field(() => issue({ to: '26-11-2026' }))).toBe('input.periodTo');
    expect(field(() => issue({ from: '2026-02-30' }))).toBe('input.periodFrom');
    expect(field(() => issue({ from: '2026-06-02', to: '2026-06-01' }))).toBe('input.periodFrom');
    expect(field(() => issue({ from: '2010-01-01', requiredBy: 'x'.repeat(201) }))).toBe('input.requiredByReportUser');
    expect(field(() => issue({ from: '2010-01-01', requiredBy: 'bank\u0007' }))).toBe('input.requiredByReportUser');
  });

  it('uses the China calendar day and a configurable maximum', () => {
    expect(chinaDate(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(earliestNormalStart('2026-11-26', 3)).toBe('2023-11-27');
    expect(issue({}, 3).from).toBe('2023-11-27');
  });

  it("tells the console when a period needs the report user's requirement, as issuance refuses it", () => {
    // 29 February falls back to 28 February: five years before 2024-02-29 is 2019-02-28, so 2019-03-01 starts it.
    expect(earliestNormalStart('2024-02-29')).toBe('2019-03-01');
    expect(isLongerThanNormal('2021-11-27', today)).toBe(false);
    expect(isLongerThanNormal('2021-11-26', today)).toBe(true);
    expect(field(() => issue({ from: '2021-11-26' }))).toBe('input.periodFrom');
    expect(issue({ from: '2021-11-27' }).from).toBe('2021-11-27');
    expect(isLongerThanNormal('', '2026-12-07')).toBe(false);
  });
});

describe('one period for histories and reports', () => {
  it('gives a history with no period the same dates as a report with none, whatever the maximum', () => {
    for (const years of [1, 3, 5, 10]) {
      const h = history({}, years);
      const r = issue({}, years);
      expect([h.from, h.to, h.coverageFrom]).toEqual([r.from, r.to, r.coverageFrom]);
    }
    expect(history({}, 10)).toMatchObject({ from: '2016-11-27', coverageFrom: COVERAGE_START });
  });

  it('lets a history reach back further than the maximum without a requirement, naming its own fields', () => {
    expect(history({ from: '2020-01-01' })).toMatchObject({ from: '2020-01-01', to: today });
    expect(field(() => history({ from: '2026-02-30' }))).toBe('from');
    expect(field(() => history({ to: '2019-12-31' }))).toBe('to');
    expect(field(() => history({ from: '2026-06-02', to: '2026-06-01' }))).toBe('from');
  });

  it('reads an end after today as today and a start before 2020 as 2020-01-01 (dashboards); issuance refuses the end', () => {
    expect(history({ from: '2026-01-01', to: '2026-12-31' })).toMatchObject({ from: '2026-01-01', to: today });
    expect(history({ from: '2015-01-01', to: '2099-12-31' })).toMatchObject({
      coverageFrom: COVERAGE_START,
      to: today,
    });
    expect(field(() => issue({ from: '2026-01-01', to: '2026-12-31' }))).toBe('input.periodTo');
    // A period that has not begun holds nothing to read: refused, naming its start.
    expect(field(() => history({ from: '2026-11-27', to: '2026-12-31' }))).toBe('from');
  });

  it('takes another default start when asked (report statistics: this year)', () => {
    const p = resolvePeriod({}, { today, maxYears: 5, defaultFrom: (to) => `${to.slice(0, 4)}-01-01` });
    expect([p.from, p.to]).toEqual(['2026-01-01', today]);
  });

  it('reads MAX_REPORT_YEARS once, 5 by default, 1 to 30', () => {
    const schema = periodEnvShape.MAX_REPORT_YEARS;
    expect(schema.parse(undefined)).toBe(5);
    expect(schema.parse('3')).toBe(3);
    expect(schema.safeParse('0').success).toBe(false);
    expect(schema.safeParse('31').success).toBe(false);
  });
});

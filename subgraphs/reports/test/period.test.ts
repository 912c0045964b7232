import { COVERAGE_START, earliestNormalStart, resolvePeriod, chinaDate } from '../src/report/period';

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};

describe('report period rules', () => {
  const today = '2026-11-26';

  it('defaults to the five years ending today', () => {
    expect(resolvePeriod({}, today, 5)).toEqual({
      from: '2021-11-27',
      to: today,
      coverageFrom: '2021-11-27',
      requiredByReportUser: null,
    });
    expect(resolvePeriod({ periodTo: '2024-02-29' }, today, 5)).toMatchObject({
      from: '2019-03-01',
      coverageFrom: COVERAGE_START,
    });
  });

  it('accepts exactly five years but not a day more without the report user who requires it', () => {
    expect(resolvePeriod({ periodFrom: '2021-11-27' }, today, 5).from).toBe('2021-11-27');
    expect(field(() => resolvePeriod({ periodFrom: '2021-11-26' }, today, 5))).toBe('input.periodFrom');
    expect(
      resolvePeriod({ periodFrom: '2021-11-26', requiredByReportUser: ' 某银行授信要求 ' }, today, 5),
    ).toMatchObject({ from: '2021-11-26', requiredByReportUser: '某银行授信要求' });
    expect(field(() => resolvePeriod({ periodFrom: '2021-11-26', requiredByReportUser: '   ' }, today, 5))).toBe(
      'input.periodFrom',
    );
  });

  it('reports the true coverage start for a period starting before 2020', () => {
    const p = resolvePeriod({ periodFrom: '2015-01-01', requiredByReportUser: '上市审核要求十年' }, today, 5);
    expect(p).toMatchObject({ from: '2015-01-01', coverageFrom: '2020-01-01' });
  });

  it('names the field of every bad period', () => {
    expect(field(() => resolvePeriod({ periodTo: '2026-11-27' }, today, 5))).toBe('input.periodTo');
    expect(field(() => resolvePeriod({ periodTo: '2019-12-31', requiredByReportUser: 'x' }, today, 5))).toBe(
      'input.periodTo',
    );
    expect(field(() => resolvePeriod({ periodTo: '26-11-2026' }, today, 5))).toBe('input.periodTo');
    expect(field(() => resolvePeriod({ periodFrom: '2026-02-30' }, today, 5))).toBe('input.periodFrom');
    expect(field(() => resolvePeriod({ periodFrom: '2026-06-02', periodTo: '2026-06-01' }, today, 5))).toBe(
      'input.periodFrom',
    );
    expect(
      field(() => resolvePeriod({ periodFrom: '2010-01-01', requiredByReportUser: 'x'.repeat(201) }, today, 5)),
    ).toBe('input.requiredByReportUser');
  });

  it('uses the China calendar day and a configurable maximum', () => {
    expect(chinaDate(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(earliestNormalStart('2026-11-26', 3)).toBe('2023-11-27');
  });
});

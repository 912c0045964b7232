import { SHIPPED_CALENDAR_YEARS } from '@credit/shared';
import { checkCalendarYear } from './calendarYearValidation';

const fieldOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return (err as { extensions?: { field?: string } }).extensions?.field;
  }
  return 'no error';
};

describe('a year of the working-day calendar', () => {
  it('accepts every shipped year as it is', () => {
    for (const y of SHIPPED_CALENDAR_YEARS)
      expect(checkCalendarYear(y.year, y.holidays, y.makeupWorkdays, y.notice)).toEqual({
        year: y.year,
        holidays: [...y.holidays].sort(),
        makeupWorkdays: [...y.makeupWorkdays].sort(),
        notice: y.notice,
      });
  });

  it('sorts the lists, drops repeats and trims', () => {
    expect(checkCalendarYear(2028, [' 2028-02-29', '2028-01-01', '2028-01-01'], ['2028-01-08'], ' 通知 ')).toEqual({
      year: 2028,
      holidays: ['2028-01-01', '2028-02-29'],
      makeupWorkdays: ['2028-01-08'],
      notice: '通知',
    });
  });

  it('names the field of each mistake', () => {
    expect(fieldOf(() => checkCalendarYear(2027.5, ['2027-01-01'], [], 'n'))).toBe('year');
    expect(fieldOf(() => checkCalendarYear(2027, ['2027-02-29'], [], 'n'))).toBe('holidays');
    expect(fieldOf(() => checkCalendarYear(2027, [], [], 'n'))).toBe('holidays');
    expect(fieldOf(() => checkCalendarYear(2027, ['2027-01-01'], ['2028-01-08'], 'n'))).toBe('makeupWorkdays');
    expect(fieldOf(() => checkCalendarYear(2027, ['2027-01-02'], ['2027-01-02'], 'n'))).toBe('makeupWorkdays');
    expect(fieldOf(() => checkCalendarYear(2027, ['2027-01-01'], ['2027-01-04'], 'n'))).toBe('makeupWorkdays');
    expect(fieldOf(() => checkCalendarYear(2027, ['2027-01-01'], [], 'x'.repeat(101)))).toBe('notice');
    expect(fieldOf(() => checkCalendarYear(2027, ['2027-01-01'], [], 'a\u0007b'))).toBe('notice');
  });
});

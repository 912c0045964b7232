import {
  addDays,
  chinaDate,
  chinaMonth,
  chinaTime,
  DEFAULT_HOLIDAYS,
  DEFAULT_MAKEUP_WORKDAYS,
  isIsoDate,
  lastKnownDay,
  SHIPPED_CALENDAR_YEARS,
  startOfChinaDay,
  yearsBefore,
  WorkingCalendar,
} from './calendar';
import chineseDays from 'chinese-days/dist/chinese-days.json';

const plain = new WorkingCalendar([], []);

describe('working-day deadlines', () => {
  it('counts Monday to Friday and skips the weekend', () => {
    // 2026-03-02 is a Monday.
    expect(plain.addWorkingDays('2026-03-02', 2)).toBe('2026-03-04');
    expect(plain.addWorkingDays('2026-03-05', 2)).toBe('2026-03-09'); // Thu -> Fri, Mon
    expect(plain.addWorkingDays('2026-03-06', 2)).toBe('2026-03-10'); // Fri -> Mon, Tue
    expect(plain.addWorkingDays('2026-03-07', 2)).toBe('2026-03-10'); // filed on Saturday
    expect(plain.addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
    expect(plain.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('skips configured holidays', () => {
    const cal = new WorkingCalendar(['2026-03-03', '2026-03-04'], []);
    expect(cal.addWorkingDays('2026-03-02', 2)).toBe('2026-03-06');
    expect(cal.isWorkingDay('2026-03-03')).toBe(false);
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(3);
  });

  it('counts make-up working weekend days and skips the Golden Week in the shipped 2026 calendar', () => {
    const cal = new WorkingCalendar();
    expect(DEFAULT_HOLIDAYS).toContain('2026-10-01');
    expect(DEFAULT_MAKEUP_WORKDAYS).toContain('2026-10-10');
    // Filed Wed 2026-09-30: Oct 1-7 are holidays, Thu Oct 8 and Fri Oct 9 count.
    expect(cal.addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
    // Saturday Oct 10 is a make-up working day, so the third working day is that Saturday.
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // Sunday Sep 20 is a make-up working day too.
    expect(cal.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    // Spring Festival 2026-02-15..23: filed on Friday Feb 13, Sat Feb 14 is worked, then Tue Feb 24.
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('carries across the year end, with New Year holidays on either side', () => {
    const cal = new WorkingCalendar();
    // Wed 2025-12-31: Jan 1-3 2026 are holidays, Sun Jan 4 is worked, then Mon Jan 5.
    expect(cal.addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
    expect(plain.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('marks a due day beyond the known years provisional, and knows through the last consecutive year', () => {
    const cal = new WorkingCalendar();
    expect(cal.knownThrough).toBe('2026-12-31');
    // Thu 2026-12-31, 2027 unknown: Friday 2027-01-01 counts as a weekday for now.
    expect(cal.dueIn('2026-12-31', 2)).toEqual({ date: '2027-01-04', provisional: true });
    expect(cal.dueIn('2026-12-29', 2)).toEqual({ date: '2026-12-31', provisional: false });
    const with2027 = WorkingCalendar.ofYears([
      ...SHIPPED_CALENDAR_YEARS,
      { year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] },
    ]);
    expect(with2027.dueIn('2026-12-31', 2)).toEqual({ date: '2027-01-05', provisional: false });
    expect(lastKnownDay([2026, 2028, 2027, 2030])).toBe('2028-12-31');
    expect(lastKnownDay([])).toBeNull();
    expect(new WorkingCalendar([], [], null).isProvisional('2099-01-01')).toBe(false);
  });

  it('ships 2026 exactly as the npm package chinese-days has it (国办发明电〔2025〕7号)', () => {
    const days = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
    for (const y of SHIPPED_CALENDAR_YEARS) {
      const ofYear = (m: Record<string, string>) =>
        Object.keys(m)
          .filter((d) => d.startsWith(`${y.year}-`))
          .sort();
      expect([...y.holidays].sort()).toEqual(ofYear(days.holidays));
      expect([...y.makeupWorkdays].sort()).toEqual(ofYear(days.workdays));
    }
    expect(SHIPPED_CALENDAR_YEARS.find((y) => y.year === 2026)?.notice).toBe('国办发明电〔2025〕7号');
  });

  it('refuses a negative count and a calendar without working days', () => {
    expect(() => plain.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    const all = Array.from({ length: 800 }, (_, i) => addDays('2026-01-01', i));
    expect(() => new WorkingCalendar(all, []).addWorkingDays('2026-01-01', 1)).toThrow(/no working day/);
  });

  it('dates instants in Guizhou time (UTC+8)', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(chinaMonth(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(chinaTime('2026-11-30T18:23:29.137Z')).toBe('2026-12-01 02:23');
  });

  it('knows real dates, day starts and whole years back', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(startOfChinaDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2026-11-26', 5)).toBe('2021-11-26');
  });
});

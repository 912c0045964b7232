import catalogue from './holidays.json';

/** Deadlines are counted in Guizhou calendar days: China Standard Time, UTC+8, no daylight saving. */
const CST_OFFSET_MS = 8 * 3600_000;

export const DEFAULT_HOLIDAYS: readonly string[] = catalogue.holidays;
export const DEFAULT_MAKEUP_WORKDAYS: readonly string[] = catalogue.makeupWorkdays;

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The Guizhou calendar date of an instant. */
export const chinaDate = (at: Date = new Date()): string =>
  new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

/** `2026-03` for an instant, in Guizhou time (statistics group by it). */
export const chinaMonth = (at: Date): string => chinaDate(at).slice(0, 7);

export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The working-day calendar: Monday to Friday, minus public holidays, plus the weekend days that
 * the State Council makes working days (调休) around them.
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly makeup: ReadonlySet<string>;

  constructor(
    holidays: Iterable<string> = DEFAULT_HOLIDAYS,
    makeupWorkdays: Iterable<string> = DEFAULT_MAKEUP_WORKDAYS,
  ) {
    this.holidays = new Set(holidays);
    this.makeup = new Set(makeupWorkdays);
  }

  isWorkingDay(date: string): boolean {
    if (this.makeup.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(date);
  }

  /**
   * The date by which something received on `from` must be done within `n` working days: the
   * n-th working day after `from` (the day of receipt does not count, whatever kind of day it is).
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    let date = from;
    let left = n;
    // A year has at most ~40 non-working days in a row (Spring Festival + weekends); the guard stops a bad list from looping forever.
    for (let guard = 0; left > 0; guard++) {
      if (guard > n * 7 + 400) throw new RangeError(`no working day found within ${guard} days of ${from}`);
      date = addCalendarDays(date, 1);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }
}

import catalogue from './holidays.json';
import { chinaDate, CST_OFFSET_MS } from './chinaTime';

/**
 * The China calendar every subgraph dates by: Guizhou is on China Standard Time (UTC+8, no
 * daylight saving), so decision dates, report days, periods and deadlines are local calendar days
 * written YYYY-MM-DD.
 */
const DAY_MS = 86_400_000;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

// Kept apart so that the console can bundle them without the holiday catalogue.
export { chinaDate, chinaTime } from './chinaTime';

/** `2026-03` for an instant, in Guizhou time (statistics group by it). */
export const chinaMonth = (at: Date): string => chinaDate(at).slice(0, 7);

/** The instant a Guizhou calendar day starts. */
export const startOfChinaDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS);

/** `days` calendar days after `date` (negative: before). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The same calendar day `years` earlier (29 February falls back to 28 February). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The State Council's public holidays and make-up working days (调休) shipped with the code. */
export const DEFAULT_HOLIDAYS: readonly string[] = catalogue.holidays;
export const DEFAULT_MAKEUP_WORKDAYS: readonly string[] = catalogue.makeupWorkdays;

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
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }
}

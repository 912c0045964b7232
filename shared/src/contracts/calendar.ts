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

/** One year of the working-day calendar as the State Council's notice for it sets it. */
export interface CalendarYear {
  year: number;
  /** Public holidays (放假), YYYY-MM-DD within the year. */
  holidays: readonly string[];
  /** Weekend days that are working days (调休上班), YYYY-MM-DD within the year. */
  makeupWorkdays: readonly string[];
  /** The notice the arrangement comes from, e.g. 国办发明电〔2025〕7号. */
  notice: string;
}

/** The years shipped with the code: they seed entities' calendar table (the calendar's home). */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = catalogue.years;
export const DEFAULT_HOLIDAYS: readonly string[] = SHIPPED_CALENDAR_YEARS.flatMap((y) => y.holidays);
export const DEFAULT_MAKEUP_WORKDAYS: readonly string[] = SHIPPED_CALENDAR_YEARS.flatMap((y) => y.makeupWorkdays);

/** A due day, and whether it lies beyond the years the calendar knows (then it may still move). */
export interface DueDay {
  date: string;
  provisional: boolean;
}

/**
 * The last day of the run of consecutive known years starting at the first one: a day after it is
 * counted as Monday to Friday only, which the year's notice may still change. Null: no year known.
 */
export function lastKnownDay(years: Iterable<number>): string | null {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (!sorted.length) return null;
  let last = sorted[0];
  for (const y of sorted.slice(1)) {
    if (y !== last + 1) break;
    last = y;
  }
  return `${last}-12-31`;
}

/**
 * The working-day calendar: Monday to Friday, minus public holidays, plus the weekend days that
 * the State Council makes working days (调休) around them.
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly makeup: ReadonlySet<string>;

  /** `knownThrough`: the last day the lists are known for; null means every day is known (tests, overrides). */
  constructor(
    holidays: Iterable<string> = DEFAULT_HOLIDAYS,
    makeupWorkdays: Iterable<string> = DEFAULT_MAKEUP_WORKDAYS,
    readonly knownThrough: string | null = lastKnownDay(SHIPPED_CALENDAR_YEARS.map((y) => y.year)),
  ) {
    this.holidays = new Set(holidays);
    this.makeup = new Set(makeupWorkdays);
  }

  /** The calendar of these years, known through the last of the consecutive ones. */
  static ofYears(years: readonly Pick<CalendarYear, 'year' | 'holidays' | 'makeupWorkdays'>[]): WorkingCalendar {
    return new WorkingCalendar(
      years.flatMap((y) => y.holidays),
      years.flatMap((y) => y.makeupWorkdays),
      lastKnownDay(years.map((y) => y.year)),
    );
  }

  /** A day past the known years: its kind (working or not) is a guess until its year is set. */
  isProvisional(date: string): boolean {
    return this.knownThrough !== null && date > this.knownThrough;
  }

  /** `addWorkingDays`, saying whether the result depends on a year not yet known. */
  dueIn(from: string, n: number): DueDay {
    const date = this.addWorkingDays(from, n);
    return { date, provisional: this.isProvisional(date) };
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

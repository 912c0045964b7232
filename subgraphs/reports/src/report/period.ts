import { badUserInput } from '@credit/shared';

/** Records are collected from 2020 onwards (plan, 全量归集 since 2020). */
export const COVERAGE_START = '2020-01-01';

export interface PeriodRequest {
  periodFrom?: string | null;
  periodTo?: string | null;
  requiredByReportUser?: string | null;
}

export interface ReportPeriod {
  /** As requested (or defaulted). */
  from: string;
  to: string;
  /** The first day records can exist for: `from`, or 2020-01-01 when the request starts earlier. */
  coverageFrom: string;
  /** Who requires a period longer than the normal maximum; null otherwise. */
  requiredByReportUser: string | null;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The same calendar day `years` earlier (29 February falls back to 28 February). */
function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The first day of the longest period that needs no report user's requirement, ending on `to`. */
export const earliestNormalStart = (to: string, maxYears: number) => addDays(yearsBefore(to, maxYears), 1);

/** Today in China (UTC+8, no daylight saving): report periods and numbers use the local date. */
export const chinaDate = (now: Date = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Period rules of the plan: default and normal maximum `maxYears` years ending today; longer only
 * when the report user requires it (and says so); nothing before records exist.
 */
export function resolvePeriod(req: PeriodRequest, today: string, maxYears: number): ReportPeriod {
  const to = req.periodTo?.trim() || today;
  if (!isIsoDate(to)) throw badUserInput('input.periodTo', `must be a date YYYY-MM-DD, got "${to}"`);
  if (to > today) throw badUserInput('input.periodTo', `must not be after today (${today})`);
  if (to < COVERAGE_START)
    throw badUserInput(
      'input.periodTo',
      `records are collected from ${COVERAGE_START}; a period ending earlier holds none`,
    );
  const from = req.periodFrom?.trim() || earliestNormalStart(to, maxYears);
  if (!isIsoDate(from)) throw badUserInput('input.periodFrom', `must be a date YYYY-MM-DD, got "${from}"`);
  if (from > to) throw badUserInput('input.periodFrom', 'must not be after periodTo');

  const requiredBy: string | null = req.requiredByReportUser?.trim() || null;
  if (requiredBy !== null) {
    if (Array.from(requiredBy).length > 200)
      throw badUserInput('input.requiredByReportUser', 'must be at most 200 characters');
    if (CONTROL.test(requiredBy))
      throw badUserInput('input.requiredByReportUser', 'must not contain control characters');
  }
  const normalStart = earliestNormalStart(to, maxYears);
  if (from < normalStart && requiredBy === null) {
    throw badUserInput(
      'input.periodFrom',
      `a period longer than ${maxYears} years (before ${normalStart}) needs requiredByReportUser: who requires it`,
      {
        earliestWithoutRequirement: normalStart,
      },
    );
  }
  return { from, to, coverageFrom: from < COVERAGE_START ? COVERAGE_START : from, requiredByReportUser: requiredBy };
}

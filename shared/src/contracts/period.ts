import { z } from 'zod';
import { badUserInput } from '../errors';
import { hasControlCharacters } from '../validators';
import { isIsoDate } from './calendar';
import { earliestNormalStart } from './normalPeriod';

/** Records are collected from 2020 onwards (plan, 全量归集 since 2020): no record is dated earlier. */
export const COVERAGE_START = '2020-01-01';

/**
 * The plan's default and normal maximum period (five years), as ONE variable every service that
 * resolves a period reads (records for histories and statistics, reports for issuance): spread it
 * into the service's env schema.
 */
export const periodEnvShape = {
  MAX_REPORT_YEARS: z.coerce.number().int().min(1).max(30).default(5),
};

/** The request fields a period comes from, as errors name them. */
export interface PeriodFields {
  from: string;
  to: string;
  requiredBy: string;
}

/** History, summaries and statistics: `from`, `to` arguments. */
export const QUERY_PERIOD_FIELDS: PeriodFields = { from: 'from', to: 'to', requiredBy: 'requiredBy' };
/** Report issuance: `issueReport(input: { periodFrom, periodTo, requiredByReportUser })`. */
export const ISSUANCE_PERIOD_FIELDS: PeriodFields = {
  from: 'input.periodFrom',
  to: 'input.periodTo',
  requiredBy: 'input.requiredByReportUser',
};

export interface PeriodRequest {
  from?: string | null;
  to?: string | null;
  /** Who requires a period longer than the normal maximum (issuance only). */
  requiredBy?: string | null;
}

export interface PeriodPolicy {
  /** Today in China (chinaDate()). */
  today: string;
  /** MAX_REPORT_YEARS: the default length, and the longest period that needs no requirement. */
  maxYears: number;
  fields?: PeriodFields;
  /**
   * Issuance: a period longer than `maxYears` needs who requires it (the report user). Queries of
   * one's own history or statistics may reach back further: nothing is certified by them.
   */
  longerNeedsRequirement?: boolean;
  /** A default start other than the normal maximum (report statistics: the current year). */
  defaultFrom?: (to: string) => string;
  /**
   * What an end after today means: `clamp` (the default; histories, statistics, quality,
   * warnings, report statistics, the assessment) reads it as today, since what has not happened
   * counts nothing; `refuse` (issuance) refuses it, since a report certifies the whole period.
   */
  futureEnd?: 'clamp' | 'refuse';
}

export interface ResolvedPeriod {
  /** As requested, or defaulted. */
  from: string;
  /** As requested (no later than today: see PeriodPolicy.futureEnd), or today. */
  to: string;
  /** The first day records can exist for: `from`, or 2020-01-01 when the request starts earlier. */
  coverageFrom: string;
  /** Who requires a period longer than the normal maximum; null otherwise. */
  requiredByReportUser: string | null;
}

/** The end a dashboard reads: no later than today. */
export const effectiveEnd = (to: string, today: string): string => (to > today ? today : to);

/** The start a dashboard reads: no earlier than the first records (COVERAGE_START). */
export const effectiveStart = (from: string): string => (from < COVERAGE_START ? COVERAGE_START : from);

/** The first day of the longest period that needs no requirement, ending on `to` (to − years + 1 day). */

const MAX_REQUIRED_BY = 200;

/**
 * The period rules of the plan, for every period a subgraph resolves: default and normal maximum
 * `maxYears` years ending today (to − years + 1 day, so five years hold five anniversaries, not
 * six); an end after today read as today (refused by issuance only); ending no earlier than the
 * first records; longer only when someone requires it (issuance); and where records really start
 * (coverageFrom, the start dashboards read and return).
 */
export function resolvePeriod(req: PeriodRequest, policy: PeriodPolicy): ResolvedPeriod {
  const { today, maxYears } = policy;
  const f = policy.fields ?? QUERY_PERIOD_FIELDS;
  const asked = req.to?.trim() || today;
  if (!isIsoDate(asked)) throw badUserInput(f.to, `must be a date YYYY-MM-DD, got "${asked}"`);
  if (asked > today && policy.futureEnd === 'refuse') throw badUserInput(f.to, `must not be after today (${today})`);
  const to = effectiveEnd(asked, today);
  if (to < COVERAGE_START)
    throw badUserInput(f.to, `records are collected from ${COVERAGE_START}; a period ending earlier holds none`);
  const normalStart = earliestNormalStart(to, maxYears);
  const from = req.from?.trim() || (policy.defaultFrom ? policy.defaultFrom(to) : normalStart);
  if (!isIsoDate(from)) throw badUserInput(f.from, `must be a date YYYY-MM-DD, got "${from}"`);
  if (from > today) throw badUserInput(f.from, `must not be after today (${today}): the period has not begun`);
  if (from > to) throw badUserInput(f.from, `must not be after ${f.to} (${to})`);

  const requiredBy: string | null = req.requiredBy?.trim() || null;
  if (requiredBy !== null) {
    if (Array.from(requiredBy).length > MAX_REQUIRED_BY)
      throw badUserInput(f.requiredBy, `must be at most ${MAX_REQUIRED_BY} characters`);
    if (hasControlCharacters(requiredBy)) throw badUserInput(f.requiredBy, 'must not contain control characters');
  }
  if (policy.longerNeedsRequirement && from < normalStart && requiredBy === null) {
    throw badUserInput(
      f.from,
      `a period longer than ${maxYears} years (before ${normalStart}) needs ${f.requiredBy.split('.').pop()}: who requires it`,
      { earliestWithoutRequirement: normalStart },
    );
  }
  return { from, to, coverageFrom: effectiveStart(from), requiredByReportUser: requiredBy };
}

import { addDays, isIsoDate, yearsBefore } from './calendar';

// Apart from period.ts (which brings zod and the API's errors) so the console bundles the same rule.

/** The plan's normal longest report period (默认五年); MAX_REPORT_YEARS tunes the services' copy of it. */
export const NORMAL_REPORT_YEARS = 5;

/** The earliest start of a period of at most `maxYears` ending on `to`: to − years + 1 day (five anniversaries, not six). */
export const earliestNormalStart = (to: string, maxYears: number = NORMAL_REPORT_YEARS): string =>
  addDays(yearsBefore(to, maxYears), 1);

/** A period longer than the normal maximum: the report user's requirement must be named (requiredByReportUser). */
export const isLongerThanNormal = (from: string, to: string, maxYears: number = NORMAL_REPORT_YEARS): boolean =>
  isIsoDate(from) && isIsoDate(to) && from < earliestNormalStart(to, maxYears);

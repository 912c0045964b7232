/**
 * The labels the console shows come from the platform's one term table (shared/src/contracts/terms.ts),
 * bundled from its source: no copy to drift. The names below are the console's for them.
 */
import { chinaDate, chinaTime } from '../../../shared/src/contracts/chinaTime';
import {
  ASSESSMENT_WARNING_ZH,
  CATALOGUE_FIELD_ZH,
  CATALOGUE_REVISION_ZH,
  CHANNEL_ZH,
  COMMITMENT_STATUS_ZH,
  FEEDBACK_ACTION_ZH,
  FEEDBACK_KIND_ZH,
  FEEDBACK_ROLE_ZH,
  FEEDBACK_STATUS_ZH,
  IMPORT_STATUS_ZH,
  LICENCE_ACTION_ZH,
  OBJECTION_ACTION_ZH,
  OBJECTION_STATUS_ZH,
  OBJECTION_TYPE_ZH,
  RECORD_CATEGORY_ZH,
  RECORD_CHANGE_ZH,
  RECORD_FIELD_ZH,
  RECORD_STATUS_ZH,
  REJECT_REASON_ZH,
  REPORT_STATUS_ZH,
  ROLE_ZH,
  SCENARIO_SHORT_ZH,
  SUBJECT_KIND_ZH,
  VERDICT_ZH,
} from '../../../shared/src/contracts/terms';

export { accessActionZh, term } from '../../../shared/src/contracts/terms';

export const SCENARIO: Readonly<Record<string, string>> = SCENARIO_SHORT_ZH;
export const CHANNEL: Readonly<Record<string, string>> = CHANNEL_ZH;
export const RECORD_CHANGE = RECORD_CHANGE_ZH;
export const RECORD_FIELD = RECORD_FIELD_ZH;
export const RECORD_STATUS = RECORD_STATUS_ZH;
export const REPORT_STATUS = REPORT_STATUS_ZH;
export const CATEGORY = RECORD_CATEGORY_ZH;
export const LICENCE_ACTION = LICENCE_ACTION_ZH;
export const IMPORT_STATUS = IMPORT_STATUS_ZH;
export const OBJECTION_STATUS = OBJECTION_STATUS_ZH;
export const OBJECTION_TYPE = OBJECTION_TYPE_ZH;
export const OBJECTION_ACTION = OBJECTION_ACTION_ZH;
export const VERDICT = VERDICT_ZH;
export const REJECT_REASON = REJECT_REASON_ZH;
export const ROLE = ROLE_ZH;
export const FEEDBACK_KIND = FEEDBACK_KIND_ZH;
export const FEEDBACK_STATUS = FEEDBACK_STATUS_ZH;
export const FEEDBACK_ACTION = FEEDBACK_ACTION_ZH;
export const FEEDBACK_ROLE = FEEDBACK_ROLE_ZH;
export const ASSESSMENT_WARNING = ASSESSMENT_WARNING_ZH;
export const SUBJECT_KIND = SUBJECT_KIND_ZH;
export const CATALOGUE_FIELD = CATALOGUE_FIELD_ZH;
export const CATALOGUE_REVISION = CATALOGUE_REVISION_ZH;
export const COMMITMENT_STATUS = COMMITMENT_STATUS_ZH;

/** Today and n years back as YYYY-MM-DD (China time is what the API means by a date). */
export const isoDate = (d = new Date()): string => chinaDate(d);
export function yearsAgo(n: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.toISOString().slice(0, 10);
}
/** An instant from the API as people in Guizhou read it: `2026-12-07 14:03`. */
export const fmtTime = (iso: string) => chinaTime(iso);
/** The Guizhou day of an instant from the API (an authorization runs to the end of it). */
export const fmtDay = (iso: string) => chinaDate(new Date(iso));
/** The quarter a day falls in, as the assessment names it (2026Q4). */
export const quarterOf = (d = new Date()) => {
  // China time, as the assessment counts quarters (a browser elsewhere would be a day off at the edge).
  const [year, month] = chinaDate(d).split('-').map(Number);
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
};

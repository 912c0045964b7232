/** The plan's normal longest report period; the API asks who requires a longer one (requiredByReportUser). */
export const NORMAL_YEARS = 5;

/** The earliest start of a period of at most five years ending on `to`: five anniversaries, not six. */
export function earliestNormalStart(to: string, years = NORMAL_YEARS): string {
  const [y, m, d] = to.split('-').map(Number);
  const back = new Date(Date.UTC(y - years, m - 1, d));
  // 29 February falls back to 28 February, as the API counts it.
  if (back.getUTCMonth() !== m - 1) back.setUTCDate(0);
  return new Date(back.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** True when the period is longer than five years, so the report user's requirement must be named. */
export const isLongPeriod = (from: string, to: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from < earliestNormalStart(to);

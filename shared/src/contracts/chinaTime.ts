/**
 * Guizhou time (China Standard Time, UTC+8, no daylight saving) as people read it. It imports
 * nothing, so the console bundles it as it is: pages, PDF, exports and the console print instants
 * the same way.
 */
export const CST_OFFSET_MS = 8 * 3600_000;

/** The Guizhou calendar date of an instant (today by default). */
export const chinaDate = (at: Date = new Date()): string =>
  new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

/** `2026-11-26T01:02:03Z` -> `2026-11-26 09:02`: an instant as people in Guizhou read it (reports, pages). */
export const chinaTime = (iso: string): string =>
  new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

import { newUlid } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import { nextYearlySequence, type YearCounter } from './yearlySequence';

/** Case ids (objections, complaints, their evidence): ULIDs (time first, see shared/db/ulid). */
export const newCaseId = newUlid;

/** GZYY-2026-000042 (an objection), GZTS-2026-000042 (a complaint): kind, year, sequence within the year. */
export const formatCaseNumber = (prefix: string, year: number, seq: number): string =>
  `${prefix}-${year}-${String(seq).padStart(6, '0')}`;

/** The next number of the year of `day` (a Guizhou calendar day), inside the caller's transaction. */
export async function nextCaseNumber(
  tx: EntityManager,
  counter: new () => YearCounter,
  prefix: string,
  day: string,
): Promise<string> {
  const year = Number(day.slice(0, 4));
  return formatCaseNumber(prefix, year, await nextYearlySequence(tx, counter, year));
}

import { badUserInput } from '../errors';
import { COVERAGE_START, effectiveEnd } from './period';

/** A calendar quarter (季度) of the Guizhou calendar, as the assessment and its exports name it. */
export interface Quarter {
  /** 2026Q3 */
  label: string;
  year: number;
  /** 1 to 4 */
  index: number;
  /** First day, YYYY-MM-DD */
  from: string;
  /** Last day, YYYY-MM-DD */
  to: string;
}

const QUARTER = /^(\d{4})\s*[Qq]([1-4])$/;
const LAST_DAY = ['03-31', '06-30', '09-30', '12-31'];

/**
 * `2026Q3` (also `2026q3`) → 2026-07-01 … 2026-09-30. A quarter must have begun by `today` and
 * end after records began (COVERAGE_START); a quarter in progress runs to `today` (`to` is
 * clamped). Errors name `field`.
 */
export function parseQuarter(value: string | null | undefined, today: string, field = 'quarter'): Quarter {
  const m = QUARTER.exec(value?.trim() ?? '');
  if (!m) throw badUserInput(field, 'must be a quarter such as 2026Q3');
  const year = Number(m[1]);
  const index = Number(m[2]);
  const from = `${year}-${String(index * 3 - 2).padStart(2, '0')}-01`;
  const last = `${year}-${LAST_DAY[index - 1]}`;
  if (from > today) throw badUserInput(field, `${year}Q${index} has not begun (today is ${today})`);
  if (last < COVERAGE_START) throw badUserInput(field, `records are collected from ${COVERAGE_START}`);
  return { label: `${year}Q${index}`, year, index, from, to: effectiveEnd(last, today) };
}

/** The quarter a day falls in. */
export const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

import { CREDIT_CODE_ALPHABET } from '@credit/shared';

const VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const SEQUENCE_DIGITS = 8;
const NUMBER = /^([A-Z]{2})(\d{8})(\d{8})([0-9A-Z])$/;

/**
 * Mod-31 check character in the manner of GB 32100: weights are powers of 3 modulo 31 (all
 * distinct over 30 positions), so any single wrong digit and any swap of two neighbouring digits
 * changes it. The result is drawn from the credit-code alphabet (no I, O, Z, S, V).
 */
export function reportNumberCheckCharacter(body: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of body) {
    const v = VALUES.indexOf(ch);
    if (v < 0) throw new RangeError(`"${ch}" cannot appear in a report number`);
    sum += v * weight;
    weight = (weight * 3) % 31;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** `GZ` + `20261126` + `00000042` + check character: 19 characters, readable over the phone. */
export function formatReportNumber(prefix: string, day: string, sequence: number): string {
  if (!/^[A-Z]{2}$/.test(prefix) || !/^\d{8}$/.test(day))
    throw new RangeError('prefix must be two capitals and day YYYYMMDD');
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= 10 ** SEQUENCE_DIGITS)
    throw new RangeError(`sequence ${sequence} out of range`);
  const body = `${prefix}${day}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
  return body + reportNumberCheckCharacter(body);
}

/** Shape and check character only; whether the report exists is the database's answer. */
export function isWellFormedReportNumber(value: string): boolean {
  const m = NUMBER.exec(value);
  return m !== null && reportNumberCheckCharacter(value.slice(0, -1)) === m[4];
}

import { randomInt } from 'node:crypto';
import { CREDIT_CODE_ALPHABET } from '@credit/shared';

const PREFIX_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Digits of the day's sequence: it keeps numbers unique (ten million a day per province). */
export const SEQUENCE_DIGITS = 7;
/**
 * Crypto-random characters after the sequence, from the credit-code alphabet (no I, O, Z, S, V to
 * misread): 31^5 ≈ 28.6 million per sequence, so knowing one number says nothing about its neighbours.
 */
export const RANDOM_CHARACTERS = 5;
const RANDOM = `[${CREDIT_CODE_ALPHABET}]{${RANDOM_CHARACTERS}}`;
const NUMBER = new RegExp(`^([A-Z]{2})(\\d{8})(\\d{${SEQUENCE_DIGITS}})(${RANDOM})([0-9A-Z])$`);
/** Numbers issued before the random part (GZ + day + eight-digit sequence + check): verified and looked up still. */
const SEQUENTIAL_NUMBER = /^([A-Z]{2})(\d{8})(\d{8})()([0-9A-Z])$/;

/**
 * Mod-31 check character in the manner of GB 32100: weights are powers of 3 modulo 31 (all
 * distinct over 30 positions), so any single wrong character and any swap of two neighbouring
 * characters changes it. After the prefix every character is valued by its place in the
 * credit-code alphabet (digits are worth themselves, as they always were), so no two of them
 * share a value modulo 31; the prefix letters keep their base-36 values. The result is drawn
 * from the credit-code alphabet (no I, O, Z, S, V).
 */
export function reportNumberCheckCharacter(body: string): string {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    const v = i < 2 ? PREFIX_VALUES.indexOf(ch) : CREDIT_CODE_ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`"${ch}" cannot appear in a report number`);
    sum += v * weight;
    weight = (weight * 3) % 31;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** RANDOM_CHARACTERS characters of the credit-code alphabet, each from the operating system's CSPRNG. */
export function randomReportPart(): string {
  let part = '';
  for (let i = 0; i < RANDOM_CHARACTERS; i++) part += CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)];
  return part;
}

/**
 * `GZ` + `20261126` + `0000042` + `K7QMX` + check character: 23 characters, read out as
 * GZ 20261126 0000042 K7QMX G. The sequence makes the number unique (SequenceBlocks hands each
 * sequence out once), the random part makes it unguessable: a rival who holds one report of a bid
 * cannot walk to the competitors' numbers next to it.
 */
export function formatReportNumber(
  prefix: string,
  day: string,
  sequence: number,
  random: string = randomReportPart(),
): string {
  if (!/^[A-Z]{2}$/.test(prefix) || !/^\d{8}$/.test(day))
    throw new RangeError('prefix must be two capitals and day YYYYMMDD');
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= 10 ** SEQUENCE_DIGITS)
    throw new RangeError(`sequence ${sequence} out of range`);
  if (!new RegExp(`^${RANDOM}$`).test(random))
    throw new RangeError(`the random part must be ${RANDOM_CHARACTERS} characters of the credit-code alphabet`);
  const body = `${prefix}${day}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}${random}`;
  return body + reportNumberCheckCharacter(body);
}

export interface ReportNumberParts {
  prefix: string;
  day: string;
  sequence: number;
  /** Empty for a number of the sequential format issued before the random part. */
  random: string;
}

/** The parts of a well-formed number of either format (shape and check character); null otherwise. */
export function parseReportNumber(value: string): ReportNumberParts | null {
  const m = NUMBER.exec(value) ?? SEQUENTIAL_NUMBER.exec(value);
  if (!m || reportNumberCheckCharacter(value.slice(0, -1)) !== m[5]) return null;
  return { prefix: m[1], day: m[2], sequence: Number(m[3]), random: m[4] };
}

/** Shape and check character only (either format); whether the report exists is the database's answer. */
export function isWellFormedReportNumber(value: string): boolean {
  return parseReportNumber(value) !== null;
}

import { CREDIT_CODE_ALPHABET } from '@credit/shared';
import {
  formatReportNumber,
  isWellFormedReportNumber,
  parseReportNumber,
  RANDOM_CHARACTERS,
  randomReportPart,
  reportNumberCheckCharacter,
} from '../src/report/reportNumber';
import { codeHash, codeMatches, CODE_ALPHABET, verificationCodeFor } from '../src/integrity/verificationCode';

/** A number as issued before the random part: prefix, day, eight-digit sequence, check character. */
const sequential = (prefix: string, day: string, sequence: number) => {
  const body = `${prefix}${day}${String(sequence).padStart(8, '0')}`;
  return body + reportNumberCheckCharacter(body);
};

describe('report number', () => {
  it('is prefix, date, seven-digit sequence, five random characters and a check character', () => {
    const n = formatReportNumber('GZ', '20261126', 42, 'K7QMX');
    expect(n).toMatch(/^GZ202611260000042K7QMX[0-9A-HJ-NP-RTUWXY]$/);
    expect(n).toHaveLength(23);
    expect(isWellFormedReportNumber(n)).toBe(true);
    expect(parseReportNumber(n)).toEqual({ prefix: 'GZ', day: '20261126', sequence: 42, random: 'K7QMX' });
    // The README's example.
    expect(n).toBe('GZ202611260000042K7QMXG');
  });

  it('draws the random part afresh for every number, from the unambiguous alphabet', () => {
    const numbers = Array.from({ length: 2000 }, () => formatReportNumber('GZ', '20261126', 42));
    const parts = numbers.map((n) => parseReportNumber(n)!.random);
    expect(parts.every((r) => new RegExp(`^[${CREDIT_CODE_ALPHABET}]{${RANDOM_CHARACTERS}}$`).test(r))).toBe(true);
    // 2000 draws out of 31^5: a repeat is a one-in-fourteen-thousand event, a stuck generator repeats at once.
    expect(new Set(parts).size).toBeGreaterThan(1995);
    // Every character of the alphabet turns up at every position: nothing is fixed or skewed away.
    for (let i = 0; i < RANDOM_CHARACTERS; i++) expect(new Set(parts.map((r) => r[i])).size).toBe(31);
    expect(randomReportPart()).toMatch(new RegExp(`^[${CREDIT_CODE_ALPHABET}]{${RANDOM_CHARACTERS}}$`));
  });

  it('gives consecutive sequences numbers that are not one step apart', () => {
    const a = formatReportNumber('GZ', '20261126', 41);
    const b = formatReportNumber('GZ', '20261126', 42);
    // What a rival holding report 41 would try for its neighbour: the old walk of the sequence.
    const body = 'GZ202611260000042';
    const guesses = [a.slice(0, -1).replace(/0000041/, '0000042'), body + a.slice(17, 22)];
    expect(guesses.map((g) => g + reportNumberCheckCharacter(g))).not.toContain(b);
  });

  it('detects every single wrong character and every swap of two different neighbouring characters', () => {
    for (const n of [
      formatReportNumber('GZ', '20261126', 3_579_246, 'K7QMX'),
      sequential('GZ', '20261126', 13_579_246),
    ]) {
      let missed = 0;
      for (let i = 2; i < n.length - 1; i++) {
        for (const d of n.length === 23 && i >= 17 ? CREDIT_CODE_ALPHABET : '0123456789') {
          if (d === n[i]) continue;
          if (isWellFormedReportNumber(n.slice(0, i) + d + n.slice(i + 1))) missed++;
        }
        if (
          i < n.length - 2 &&
          n[i] !== n[i + 1] &&
          isWellFormedReportNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2))
        )
          missed++;
      }
      expect([n, missed]).toEqual([n, 0]);
    }
  });

  it('still reads the sequential numbers issued before the random part', () => {
    const old = sequential('GZ', '20261126', 42);
    // The check character is the one the previous release computed (the README's example).
    expect(old).toBe('GZ20261126000000428');
    expect(isWellFormedReportNumber(old)).toBe(true);
    expect(parseReportNumber(old)).toEqual({ prefix: 'GZ', day: '20261126', sequence: 42, random: '' });
    expect(isWellFormedReportNumber(old.slice(0, -1) + (old.endsWith('0') ? '1' : '0'))).toBe(false);
  });

  it('rejects malformed numbers, out-of-range sequences and random parts', () => {
    for (const bad of ['', 'GZ2026112600000042', 'gz20261126000000420', 'GZ2026112600000042??'])
      expect(isWellFormedReportNumber(bad)).toBe(false);
    // A letter the alphabet leaves out (O) in the random part: no check character makes it well-formed.
    for (const check of CREDIT_CODE_ALPHABET)
      expect(isWellFormedReportNumber(`GZ202611260000042K7QMO${check}`)).toBe(false);
    expect(() => formatReportNumber('GZ', '20261126', 0)).toThrow(RangeError);
    expect(() => formatReportNumber('GZ', '20261126', 10_000_000)).toThrow(RangeError);
    expect(() => formatReportNumber('GZ', '20261126', 42, 'K7QM')).toThrow(RangeError);
    expect(() => formatReportNumber('GZ', '20261126', 42, 'K7QMO')).toThrow(RangeError);
    expect(() => reportNumberCheckCharacter('GZ-1')).toThrow(RangeError);
  });
});

describe('verification code', () => {
  const secret = Buffer.alloc(32, 7);
  it('is ten unambiguous characters, the same for the same number and secret, different otherwise', () => {
    const a = verificationCodeFor('GZ2026112600000001X', secret);
    expect(a).toMatch(new RegExp(`^[${CODE_ALPHABET}]{10}$`));
    expect(a).not.toMatch(/[01IOL]/);
    expect(verificationCodeFor('GZ2026112600000001X', secret)).toBe(a);
    expect(verificationCodeFor('GZ2026112600000002X', secret)).not.toBe(a);
    expect(verificationCodeFor('GZ2026112600000001X', Buffer.alloc(32, 8))).not.toBe(a);
  });

  it('is checked against its salted hash, case-insensitively', () => {
    const number = 'GZ2026112600000001X';
    const code = verificationCodeFor(number, secret);
    const hash = codeHash(number, code);
    expect(hash).not.toContain(code);
    expect(codeMatches(number, code.toLowerCase(), hash)).toBe(true);
    expect(codeMatches(number, 'ABCDEFGHJK', hash)).toBe(false);
    expect(codeMatches('GZ2026112600000002X', code, hash)).toBe(false);
  });
});

import { formatReportNumber, isWellFormedReportNumber, reportNumberCheckCharacter } from '../src/report/reportNumber';
import { codeHash, codeMatches, CODE_ALPHABET, verificationCodeFor } from '../src/integrity/verificationCode';

describe('report number', () => {
  it('is prefix, date, eight-digit sequence and a check character', () => {
    const n = formatReportNumber('GZ', '20261126', 42);
    expect(n).toMatch(/^GZ2026112600000042[0-9A-HJ-NP-RTUWXY]$/);
    expect(n).toHaveLength(19);
    expect(isWellFormedReportNumber(n)).toBe(true);
  });

  it('detects every single wrong digit and every swap of two different neighbouring digits', () => {
    const n = formatReportNumber('GZ', '20261126', 13_579_246);
    let missed = 0;
    for (let i = 2; i < 18; i++) {
      for (const d of '0123456789') {
        if (d === n[i]) continue;
        if (isWellFormedReportNumber(n.slice(0, i) + d + n.slice(i + 1))) missed++;
      }
      if (i < 17 && n[i] !== n[i + 1] && isWellFormedReportNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2)))
        missed++;
    }
    expect(missed).toBe(0);
  });

  it('rejects malformed numbers and out-of-range sequences', () => {
    for (const bad of ['', 'GZ2026112600000042', 'gz20261126000000420', 'GZ2026112600000042??'])
      expect(isWellFormedReportNumber(bad)).toBe(false);
    expect(() => formatReportNumber('GZ', '20261126', 0)).toThrow(RangeError);
    expect(() => formatReportNumber('GZ', '20261126', 100_000_000)).toThrow(RangeError);
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

import { checkCreditCode, creditCodeCheckCharacter } from './creditCode';
import { checkResidentId } from './residentId';
import { checkSubjectCode } from './subjectCode';
import { makeCreditCode, makeResidentId, organisationCode } from './generate';

// Real, publicly listed codes (Kweichow Moutai, Tencent Shenzhen, the GB 11643 standard's example).
const REAL_CREDIT_CODES = ['91520000214434146R', '9144030071526726XG'];
const REAL_ID = '11010519491231002X';

describe('GB 32100 unified social credit code', () => {
  it.each(REAL_CREDIT_CODES)('accepts the real code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true });
  });

  it('computes the published check character from the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91520000214434146')).toBe('R');
    expect(creditCodeCheckCharacter('9144030071526726X')).toBe('G');
  });

  it('rejects a wrong check character and names the expected one', () => {
    const r = checkCreditCode('91520000214434146Q');
    expect(r).toMatchObject({ valid: false, problem: 'CHECK_CHARACTER' });
    expect(r.message).toContain("should be 'R'");
  });

  it('rejects every single-character corruption of a real code', () => {
    const code = REAL_CREDIT_CODES[0];
    let rejected = 0;
    for (let i = 0; i < 17; i++) {
      const replacement = code[i] === '1' ? '2' : '1';
      const corrupted = code.slice(0, i) + replacement + code.slice(i + 1);
      if (!checkCreditCode(corrupted).valid) rejected++;
    }
    expect(rejected).toBe(17);
  });

  it.each([
    ['9152000021443414', 'LENGTH'],
    ['91520000214434146RR', 'LENGTH'],
    ['91520000214434I46R', 'CHARACTER_SET'],
    ['91520000214434146r', 'CHARACTER_SET'],
    ['9152000021443414-R', 'CHARACTER_SET'],
  ])('rejects %s with %s', (code, problem) => {
    expect(checkCreditCode(code)).toMatchObject({ valid: false, problem });
  });

  it('names the offending position for a character outside the set', () => {
    expect(checkCreditCode('91520000214434O46R').message).toContain('position 15');
  });
});

describe('GB 11643 resident ID', () => {
  it('accepts the standard example', () => {
    expect(checkResidentId(REAL_ID)).toEqual({ valid: true });
  });

  it.each([
    ['110105194912310021', 'CHECK_CHARACTER'],
    ['11010519491231002', 'LENGTH'],
    ['11010519491231002Y', 'CHARACTER_SET'],
    ['110105194902300023', 'DATE'],
    ['110105299912310023', 'DATE'],
  ])('rejects %s with %s', (id, problem) => {
    expect(checkResidentId(id)).toMatchObject({ valid: false, problem });
  });
});

describe('subject codes and generators', () => {
  it('uses the resident-ID rule for a natural person and the credit-code rule otherwise', () => {
    expect(checkSubjectCode(REAL_ID, 'RESIDENT_ID').valid).toBe(true);
    expect(checkSubjectCode(REAL_ID, 'CREDIT_CODE').valid).toBe(false);
    expect(checkSubjectCode(' 91520000214434146r ').normalized).toBe('91520000214434146R');
  });

  it('accepts either kind when looking up by key without a kind', () => {
    expect(checkSubjectCode(REAL_ID).valid).toBe(true);
    expect(checkSubjectCode(REAL_CREDIT_CODES[0]).valid).toBe(true);
    expect(checkSubjectCode('123').valid).toBe(false);
  });

  it('generates codes that pass their own standards', () => {
    for (let serial = 1; serial < 500; serial += 7) {
      expect(checkCreditCode(makeCreditCode('91', '520100', serial * 7919)).valid).toBe(true);
      expect(checkResidentId(makeResidentId('520102', '19850615', serial)).valid).toBe(true);
    }
  });

  it('builds GB 11714 organisation codes with their own check digit', () => {
    // 21443414-6 is the organisation code inside Moutai's credit code.
    expect(organisationCode(21443414)).toBe('214434146');
    expect(organisationCode(71526726)).toBe('71526726X');
  });
});

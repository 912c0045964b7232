/**
 * GB 32100-2015 unified social credit code (统一社会信用代码).
 * 18 characters: registration authority (1), organisation type (1), region (6),
 * organisation code (9), check character (1). The alphabet has 31 characters:
 * digits and capital letters without I, O, Z, S, V.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CodeProblem = 'LENGTH' | 'CHARACTER_SET' | 'CHECK_CHARACTER' | 'DATE';

export interface CodeCheck {
  valid: boolean;
  problem?: CodeProblem;
  message?: string;
}

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export function checkCreditCode(code: string): CodeCheck {
  if (code.length !== 18) {
    return { valid: false, problem: 'LENGTH', message: `must be 18 characters, got ${code.length}` };
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i])) {
      return {
        valid: false,
        problem: 'CHARACTER_SET',
        message: `character '${code[i]}' at position ${i + 1} is not in the GB 32100 character set`,
      };
    }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      valid: false,
      problem: 'CHECK_CHARACTER',
      message: `check character should be '${expected}', got '${code[17]}'`,
    };
  }
  return { valid: true };
}

/** Registration-authority + type prefixes that mark the kinds of subjects this platform serves. */
export const CREDIT_CODE_PREFIX = {
  ENTERPRISE: '91',
  INDIVIDUAL_BUSINESS: '92',
  FARMER_COOPERATIVE: '93',
  SOCIAL_ORGANIZATION: '51',
  PRIVATE_NON_ENTERPRISE: '52',
  FOUNDATION: '53',
  PUBLIC_INSTITUTION: '12',
  GOVERNMENT_BODY: '11',
} as const;

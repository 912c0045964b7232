import type { CodeCheck } from './creditCode';

/** GB 11643-1999 citizen identification number (公民身份号码): 17 digits + check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function checkResidentId(id: string): CodeCheck {
  if (id.length !== 18) {
    return { valid: false, problem: 'LENGTH', message: `must be 18 characters, got ${id.length}` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { valid: false, problem: 'CHARACTER_SET', message: 'must be 17 digits followed by a digit or X' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) {
    return { valid: false, problem: 'DATE', message: `birth date ${id.slice(6, 14)} is not a real past date` };
  }
  const expected = residentIdCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return {
      valid: false,
      problem: 'CHECK_CHARACTER',
      message: `check character should be '${expected}', got '${id[17]}'`,
    };
  }
  return { valid: true };
}

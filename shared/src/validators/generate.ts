import { creditCodeCheckCharacter } from './creditCode';
import { residentIdCheckCharacter } from './residentId';

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code: 8 digits + check character (0-9 or X). */
export function organisationCode(serial: number): string {
  const body = String(serial % 100_000_000).padStart(8, '0');
  const sum = ORG_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** A valid unified social credit code, e.g. prefix `91` (enterprise) in region `520100`. */
export function makeCreditCode(prefix: string, regionCode: string, serial: number): string {
  const first17 = prefix + regionCode + organisationCode(serial);
  return first17 + creditCodeCheckCharacter(first17);
}

/** A valid resident ID for a person born on `birth` (YYYYMMDD) registered in `regionCode`. */
export function makeResidentId(regionCode: string, birth: string, serial: number): string {
  const first17 = regionCode + birth + String(serial % 1000).padStart(3, '0');
  return first17 + residentIdCheckCharacter(first17);
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: read aloud or typed from paper without ambiguity. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;

/**
 * The verification code of a report: derived from a 256-bit server secret and the number, so it
 * is unguessable (as a random code is) yet never stored; the owner's reads and PDFs recompute it.
 * The database holds only its hash.
 */
export function verificationCodeFor(number: string, secret: Buffer): string {
  const bytes = createHmac('sha256', secret).update(`report-code:${number}`).digest();
  let out = '';
  for (let i = 0; out.length < CODE_LENGTH; i++) {
    // 248 = 8 * 31: rejecting bytes above it keeps every character equally likely.
    if (bytes[i] < 248) out += CODE_ALPHABET[bytes[i] % 31];
    if (i === bytes.length - 1) throw new Error('unreachable: too few usable bytes');
  }
  return out;
}

export const codeHash = (number: string, code: string): string =>
  createHash('sha256').update(`${number}:${code.trim().toUpperCase()}`).digest('hex');

export function codeMatches(number: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(codeHash(number, code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

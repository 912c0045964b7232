import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID-style ids (26 chars, time first): rows append to the primary-key B-tree, and ids sort by creation. */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i] % 32];
  return time + rand;
}

/** GZYY-2026-000042: 贵州异议, year, sequence within the year. */
export const formatNumber = (year: number, seq: number): string => `GZYY-${year}-${String(seq).padStart(6, '0')}`;

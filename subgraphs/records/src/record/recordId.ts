import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// Random bytes for 1,024 ids at a time: one randomBytes call per id cost the import ~4 % of its CPU.
const POOL_BYTES = 16 * 1024;
let pool = Buffer.alloc(0);
let used = 0;

/**
 * Record, batch and excluded-decision ids: ULIDs (26 chars, Crockford base32, time first), the
 * same format as shared/db/ulid's `newUlid`, with the randomness drawn from a pooled buffer.
 */
export function newRecordId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (used + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[pool[used + i] % 32];
  used += 16;
  return time + rand;
}

import { createHash } from 'node:crypto';
import { dbTime, type Cache } from '@credit/shared';
import { LessThan, type DataSource } from 'typeorm';
import type { WriteQueue } from '../report/writeQueue';
import { VerificationGuardStateEntity } from './guardState.entity';

/** "No lock" remembered in the cache: a lock check needs no database read while the cache lives. */
const OPEN = '0';
// A remembered "no lock" that a cache outage kept from being overwritten by a lock lives this long at most.
const OPEN_SECONDS = 60;

const storedKey = (key: string) => (key.length <= 191 ? key : `h:${createHash('sha256').update(key).digest('hex')}`);

/**
 * The verification guard's counters and locks: in the platform cache (in this process while it is
 * unreachable), written through to the reports database with their expiry and read back from it
 * when the cache has lost them (a Redis restart or flush, a new process on the in-process cache).
 */
export class GuardState {
  private lastPurge = 0;

  constructor(
    private readonly db: DataSource,
    private readonly cache: Cache,
    private readonly local: Cache,
    private readonly writes: WriteQueue,
    /** How often expired rows are deleted (the lock duration: no row outlives it by more). */
    private readonly purgeEverySeconds: number,
  ) {}

  private async run<T>(op: (c: Cache) => Promise<T>): Promise<T> {
    try {
      return await op(this.cache);
    } catch {
      return op(this.local);
    }
  }

  private get repo() {
    return this.db.getRepository(VerificationGuardStateEntity);
  }

  /** The stored row of `key` while it has not expired. */
  private async stored(key: string, now: number): Promise<VerificationGuardStateEntity | null> {
    const row = await this.repo.findOneBy({ key: storedKey(key) });
    return row && row.expiresAt.getTime() > now ? row : null;
  }

  private write(key: string, value: string, expiresAt: number): Promise<unknown> {
    return this.writes(() => this.repo.upsert({ key: storedKey(key), value, expiresAt: new Date(expiresAt) }, ['key']));
  }

  /** A lock's end (ms), or undefined: from the cache, else from the database (then cached again). */
  async lockedUntil(key: string, now: number): Promise<number | undefined> {
    const cached = await this.run((c) => c.get(key));
    if (cached !== undefined) return cached === OPEN ? undefined : Number(cached);
    const row = await this.stored(key, now);
    const until = row ? Number(row.value) : undefined;
    if (until && until > now) await this.run((c) => c.set(key, row!.value, (until - now) / 1000));
    else await this.run((c) => c.set(key, OPEN, OPEN_SECONDS));
    return until;
  }

  async lock(key: string, until: number, now: number): Promise<void> {
    await this.run((c) => c.set(key, String(until), (until - now) / 1000));
    await this.write(key, String(until), until);
  }

  /** Counts one more in a window of `ttlSeconds` from the first count; a count the cache lost goes on. */
  async incr(key: string, ttlSeconds: number, now: number): Promise<number> {
    let n = await this.run((c) => c.incr(key, ttlSeconds));
    if (n === 1) {
      const row = await this.stored(key, now);
      if (row) {
        n = await this.run((c) => c.incr(key, ttlSeconds, Number(row.value)));
        await this.write(key, String(n), row.expiresAt.getTime());
        return n;
      }
      await this.write(key, String(n), now + ttlSeconds * 1000);
      return n;
    }
    const updated = await this.writes(() => this.repo.update({ key: storedKey(key) }, { value: String(n) }));
    if (!updated.affected) await this.write(key, String(n), now + ttlSeconds * 1000);
    return n;
  }

  /** SET NX that also remembers across cache restarts: false when the key is held in either. */
  async setIfAbsent(key: string, ttlSeconds: number, now: number): Promise<boolean> {
    if (!(await this.run((c) => c.setIfAbsent(key, '1', ttlSeconds)))) return false;
    if (await this.stored(key, now)) return false;
    await this.write(key, '1', now + ttlSeconds * 1000);
    return true;
  }

  async del(key: string): Promise<void> {
    await this.run((c) => c.del(key));
    await this.writes(() => this.repo.delete({ key: storedKey(key) }));
  }

  /** Deletes expired rows, at most once per purge period in this process. */
  async purgeExpired(now: number): Promise<void> {
    if (now - this.lastPurge < this.purgeEverySeconds * 1000) return;
    this.lastPurge = now;
    await this.writes(() => this.repo.delete({ expiresAt: LessThan(dbTime(this.db, new Date(now)) as Date) }));
  }
}

import { createHash } from 'node:crypto';
import { dbTime, type Cache } from '@credit/shared';
import { LessThan, Like, MoreThan, type DataSource } from 'typeorm';
import type { WriteQueue } from '../report/writeQueue';
import { VerificationGuardStateEntity } from './guardState.entity';

// Set once the cache holds every unexpired lock of the database: a lock key it lacks is then no lock,
// and a lock check costs no database read. A cache that lost its keys (restart, flush) lost this too.
// It lasts a minute: a lock set while the cache was unreachable (kept in the process and the database)
// is in the cache again within a minute of its return, at the cost of one query a minute for all replicas.
const COMPLETE = 'vg:complete';
const COMPLETE_SECONDS = 60;
// The in-process fallback copies the locks again this often while the cache stays unreachable (other
// replicas' locks written meanwhile reach it from the database).
const LOCAL_COMPLETE_SECONDS = 10;
const LOCK_PREFIX = 'vl:';

// Keys past the column's length keep their kind (vl:, vf:…) and become a hash.
const storedKey = (key: string) =>
  key.length <= 191 ? key : `${key.slice(0, 3)}#${createHash('sha256').update(key).digest('hex')}`;

/**
 * The verification guard's counters and locks: in the platform cache (in this process while it is
 * unreachable), written through to the reports database with their expiry and read back from it
 * when the cache has lost them (a Redis restart or flush, a new process on the in-process cache):
 * counts key by key on the (rare) wrong code, locks all at once on the first lock check that finds
 * the cache without its COMPLETE mark, so that checking a code costs no database read otherwise.
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
    const row = await this.repo.findOneBy({ key });
    return row && row.expiresAt.getTime() > now ? row : null;
  }

  private write(key: string, value: string, expiresAt: number): Promise<unknown> {
    return this.writes(() => this.repo.upsert({ key, value, expiresAt: new Date(expiresAt) }, ['key']));
  }

  /** A lock's end (ms), or undefined: from the cache, once it holds every lock of the database. */
  async lockedUntil(lockKey: string, now: number): Promise<number | undefined> {
    const key = storedKey(lockKey);
    return this.run(async (c) => {
      const cached = await c.get(key);
      if (cached !== undefined) return Number(cached);
      if (await c.get(COMPLETE)) return undefined;
      return (await this.copyLocks(c, now)).get(key);
    });
  }

  /** Copies every unexpired lock of the database into `c` (idempotent: replicas may do it at once). */
  private async copyLocks(c: Cache, now: number): Promise<Map<string, number>> {
    const rows = await this.repo.findBy({
      key: Like(`${LOCK_PREFIX}%`),
      expiresAt: MoreThan(dbTime(this.db, new Date(now)) as Date),
    });
    const locks = new Map<string, number>();
    for (const row of rows) {
      const until = Number(row.value);
      if (until <= now) continue;
      locks.set(row.key, until);
      await c.set(row.key, row.value, (until - now) / 1000);
    }
    await c.set(COMPLETE, '1', c === this.local ? LOCAL_COMPLETE_SECONDS : COMPLETE_SECONDS);
    return locks;
  }

  async lock(lockKey: string, until: number, now: number): Promise<void> {
    const key = storedKey(lockKey);
    await this.run((c) => c.set(key, String(until), (until - now) / 1000));
    await this.write(key, String(until), until);
  }

  /** Counts one more in a window of `ttlSeconds` from the first count; a count the cache lost goes on. */
  async incr(counterKey: string, ttlSeconds: number, now: number): Promise<number> {
    const key = storedKey(counterKey);
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
    const updated = await this.writes(() => this.repo.update({ key }, { value: String(n) }));
    if (!updated.affected) await this.write(key, String(n), now + ttlSeconds * 1000);
    return n;
  }

  /** SET NX that also remembers across cache restarts: false when the key is held in either. */
  async setIfAbsent(markKey: string, ttlSeconds: number, now: number): Promise<boolean> {
    const key = storedKey(markKey);
    if (!(await this.run((c) => c.setIfAbsent(key, '1', ttlSeconds)))) return false;
    if (await this.stored(key, now)) return false;
    await this.write(key, '1', now + ttlSeconds * 1000);
    return true;
  }

  async del(anyKey: string): Promise<void> {
    const key = storedKey(anyKey);
    await this.run((c) => c.del(key));
    await this.writes(() => this.repo.delete({ key }));
  }

  /** Deletes expired rows, at most once per purge period in this process. */
  async purgeExpired(now: number): Promise<void> {
    if (now - this.lastPurge < this.purgeEverySeconds * 1000) return;
    this.lastPurge = now;
    await this.writes(() => this.repo.delete({ expiresAt: LessThan(dbTime(this.db, new Date(now)) as Date) }));
  }
}

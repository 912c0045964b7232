import type { DataSource } from 'typeorm';
import { ReportSequenceEntity } from './reportSequence.entity';
import type { WriteQueue } from './writeQueue';

/** Numbers reserved per trip to the counter row: one short transaction per this many reports. */
export const SEQUENCE_BLOCK_SIZE = 100;

interface Block {
  next: number;
  last: number;
}

/** Deadlocks and lock waits roll a transaction back whole, so running it again is safe. */
export function isLockConflict(err: unknown): boolean {
  const code = driverCode(err);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

function driverCode(err: unknown): string | undefined {
  const e = err as { driverError?: { code?: string }; code?: string } | null;
  return e?.driverError?.code ?? e?.code;
}

export async function withRetry<T>(
  attempts: number,
  retryable: (err: unknown) => boolean,
  fn: () => Promise<T>,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !retryable(err)) throw err;
    }
  }
}

/**
 * Hands out each China-local day's report sequence numbers from blocks reserved on the day's counter
 * row in transactions of their own. Updating the row inside every issuance transaction held its lock
 * until that transaction committed, so all issuers of all processes queued behind one another; now
 * the lock is held for one UPDATE per block.
 *
 * Every process (replica) reserves disjoint ranges, so numbers stay unique everywhere; within one
 * process they increase, across processes they interleave. What a process has not handed out when
 * it stops, when the day changes, or when an issuance fails after taking its number is never used:
 * a day's sequence has gaps (up to a block per restart and replica), and a number says nothing
 * about how many reports were issued that day.
 */
export class SequenceBlocks {
  private readonly blocks = new Map<string, Block>();
  /** One reservation per day in flight at a time, shared by every caller waiting for that day. */
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly db: DataSource,
    // Embedded SQLite's single connection must not run the reservation inside an issuance transaction.
    private readonly writes: WriteQueue,
    private readonly size = SEQUENCE_BLOCK_SIZE,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`block size ${size} must be a positive integer`);
  }

  /** The next unused sequence number of `day` (YYYYMMDD). */
  async next(day: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(day);
      if (block && block.next <= block.last) return block.next++;
      let pending = this.reserving.get(day);
      if (!pending) {
        pending = this.reserve(day).finally(() => this.reserving.delete(day));
        this.reserving.set(day, pending);
      }
      // Callers beyond the block's size loop and share the next reservation.
      await pending;
    }
  }

  private async reserve(day: string): Promise<void> {
    const last = await withRetry(
      5,
      (err) => isLockConflict(err) || driverCode(err) === 'ER_DUP_ENTRY',
      () =>
        this.writes(() =>
          this.db.transaction(async (tx) => {
            const repo = tx.getRepository(ReportSequenceEntity);
            // UPDATE first takes the row's exclusive lock directly (INSERT IGNORE first would take a shared
            // lock that two reservers then both try to upgrade: a deadlock); only the day's first block
            // inserts, and two processes racing to do so see a duplicate key or a deadlock and try again.
            const updated = await repo
              .createQueryBuilder()
              .update()
              .set({ lastSeq: () => 'lastSeq + :size' })
              .setParameter('size', this.size)
              .where('day = :day', { day })
              .execute();
            if (!updated.affected) {
              await repo.insert({ day, lastSeq: this.size });
              return this.size;
            }
            return (await repo.findOneByOrFail({ day })).lastSeq;
          }),
        ),
    );
    this.blocks.set(day, { next: last - this.size + 1, last });
    // A new day's block retires earlier days' (issuers still finishing yesterday reserve afresh).
    for (const d of this.blocks.keys()) if (d < day) this.blocks.delete(d);
  }
}

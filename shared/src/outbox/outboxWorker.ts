import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { dbTime } from '../db/dbTime';
import type { Logger } from '../logging';
import { ServiceCallError } from '../server/serviceClient';
import { backoffMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { OutboxStatus, type OutboxRow } from './outboxRow';

export interface OutboxWorkerOptions<Row extends OutboxRow, Result> {
  /** The subgraph's outbox entity. */
  target: new () => Row;
  /**
   * Rows sharing this column's value are delivered one at a time in id order (an objection's CLEAR
   * never overtakes its MARK); without it any due row may go.
   */
  orderedBy?: keyof Row & string;
  /** Sends one row; throws to retry (or to park it, when `retryable` says so). */
  deliver: (row: Row) => Promise<Result>;
  /** Local bookkeeping after a delivery, in the transaction that marks the row delivered. */
  onDelivered?: (tx: EntityManager, row: Row, result: Result) => Promise<void>;
  /** Failures retrying cannot fix park the row at once; by default a non-retryable ServiceCallError. */
  retryable?: (err: unknown) => boolean;
  pollMs: number;
  maxAttempts: number;
  logger: Logger;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How long a claimed row belongs to this worker before another may take it (crash recovery). */
  claimMs?: number;
  batchSize?: number;
}

export interface PassResult {
  delivered: number;
  retried: number;
  failed: number;
}

const serviceRetryable = (err: unknown) => !(err instanceof ServiceCallError) || err.retryable;
const errorCode = (err: unknown) =>
  err instanceof ServiceCallError ? err.code : ((err as { code?: string })?.code ?? 'ERROR');

/**
 * Delivers a subgraph's outbox: polls due rows, claims each with a conditional UPDATE (several
 * instances may poll one database), delivers it, then marks it delivered. Retryable failures back off
 * exponentially with jitter; after `maxAttempts`, or on a failure retrying cannot fix, the row is
 * parked as FAILED for the lead department. A crash between the delivery and the mark delivers again
 * later: every receiver is idempotent on what the row carries.
 */
export class OutboxWorker<Row extends OutboxRow & ObjectLiteral, Result = unknown> {
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly opts: OutboxWorkerOptions<Row, Result>,
  ) {}

  start(): void {
    if (this.opts.pollMs <= 0 || this.timer) return;
    this.stopped = false;
    const tick = () => {
      void this.tick()
        .catch((err) => this.opts.logger.error({ err }, 'outbox pass failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.opts.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for a pass in flight, so that shutdown never closes the database under it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }

  /**
   * Delivers everything deliverable now, pass after pass, ignoring back-off delays (tests and the
   * lead department's "retry now"); stops when a pass makes no progress.
   */
  async drain(): Promise<PassResult> {
    const total: PassResult = { delivered: 0, retried: 0, failed: 0 };
    for (let i = 0; i < 1000; i++) {
      const r = await this.exclusive(() => this.pass(true));
      total.delivered += r.delivered;
      total.retried += r.retried;
      total.failed += r.failed;
      if (r.delivered === 0) break;
    }
    return total;
  }

  /** One pass over the rows that are due now, honouring back-off (what the timer runs). */
  tick(): Promise<PassResult> {
    return this.exclusive(() => this.pass(false));
  }

  /** One pass at a time per process; the claim keeps other processes off the same rows. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.running.catch(() => undefined).then(fn);
    this.running = next;
    return next;
  }

  private async pass(ignoreBackoff: boolean): Promise<PassResult> {
    const result: PassResult = { delivered: 0, retried: 0, failed: 0 };
    const now = new Date();
    const repo = this.db.getRepository(this.opts.target);
    const qb = repo.createQueryBuilder('o').where('o.status = :pending', { pending: OutboxStatus.PENDING });
    if (!ignoreBackoff) qb.andWhere('o.nextAttemptAt <= :now', { now: dbTime(this.db, now) });
    const due = await qb
      .orderBy('o.id', 'ASC')
      .limit(this.opts.batchSize ?? 100)
      .getMany();
    if (due.length === 0) return result;

    for (const row of await this.headsOf(due)) {
      if (!(await this.claim(row, now))) continue;
      try {
        const outcome = await this.opts.deliver(row);
        await this.db.transaction(async (tx) => {
          await tx.getRepository(this.opts.target).update(row.id, {
            status: OutboxStatus.DELIVERED,
            deliveredAt: new Date(),
            attempts: row.attempts + 1,
            claimedUntil: null,
            lastError: null,
          } as never);
          await this.opts.onDelivered?.(tx, row, outcome);
        });
        result.delivered++;
      } catch (err) {
        const attempts = row.attempts + 1;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 480);
        const park = !(this.opts.retryable ?? serviceRetryable)(err) || attempts >= this.opts.maxAttempts;
        await repo.update(row.id, {
          attempts,
          lastError: `${errorCode(err)}: ${message}`,
          claimedUntil: null,
          status: park ? OutboxStatus.FAILED : OutboxStatus.PENDING,
          nextAttemptAt: new Date(
            Date.now() + backoffMs(attempts, this.opts.random, this.opts.backoff ?? DEFAULT_BACKOFF),
          ),
        } as never);
        const log = { outboxId: row.id, kind: row.kind, attempts, err: message };
        if (park) {
          result.failed++;
          this.opts.logger.error(log, 'outbox row parked as FAILED');
        } else {
          result.retried++;
          this.opts.logger.warn(log, 'outbox delivery failed; will retry');
        }
      }
    }
    return result;
  }

  /** With `orderedBy`, only the oldest pending row of each stream may go. */
  private async headsOf(due: Row[]): Promise<Row[]> {
    const column = this.opts.orderedBy;
    if (!column) return due;
    const heads = await this.db
      .getRepository(this.opts.target)
      .createQueryBuilder('o')
      .select(`o.${column}`, 'stream')
      .addSelect('MIN(o.id)', 'id')
      .where('o.status = :pending', { pending: OutboxStatus.PENDING })
      .andWhere(`o.${column} IN (:...streams)`, { streams: [...new Set(due.map((r) => r[column]))] })
      .groupBy(`o.${column}`)
      .getRawMany<{ stream: string; id: number | string }>();
    const headIds = new Set(heads.map((h) => Number(h.id)));
    return due.filter((r) => headIds.has(r.id));
  }

  private async claim(row: Row, now: Date): Promise<boolean> {
    const res = await this.db
      .createQueryBuilder()
      .update(this.opts.target)
      .set({ claimedUntil: new Date(now.getTime() + (this.opts.claimMs ?? 60_000)) } as never)
      .where('id = :id AND status = :pending', { id: row.id, pending: OutboxStatus.PENDING })
      .andWhere('(claimedUntil IS NULL OR claimedUntil < :now)', { now: dbTime(this.db, now) })
      .execute();
    return (res.affected ?? 0) === 1;
  }
}

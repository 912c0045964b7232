import { ServiceCallError, type Logger } from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { dbTime } from './dbTime';
import { OutboxEntity, OutboxKind, OutboxStatus } from './outbox.entity';
import type { CorrectionPayload, MarkPayload } from './outbox';
import type { RecordsClient } from './recordsClient';

export interface OutboxWorkerOptions {
  pollMs: number;
  maxAttempts: number;
  logger: Logger;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How long a claimed row belongs to this worker before another may take it (crash recovery). */
  claimMs?: number;
  batchSize?: number;
  /** Local bookkeeping after a delivery, in the transaction that marks the row delivered. */
  onDelivered?: (tx: EntityManager, row: OutboxEntity, result: { version?: number }) => Promise<void>;
}

export interface PassResult {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Delivers outbox rows to the records subgraph: polls due rows, takes the oldest undelivered row
 * of each objection (so effects arrive in order), claims it with a conditional UPDATE (several
 * instances may poll), calls records, then marks it delivered. Retryable failures back off
 * exponentially with jitter; after `maxAttempts`, or on a failure retrying cannot fix, the row
 * is parked as FAILED for the lead department. A crash between the call and the mark just
 * delivers again later: records' internal API is idempotent on the objection id.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly records: RecordsClient,
    private readonly opts: OutboxWorkerOptions,
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
    const repo = this.db.getRepository(OutboxEntity);
    const qb = repo.createQueryBuilder('o').where('o.status = :pending', { pending: OutboxStatus.PENDING });
    if (!ignoreBackoff) qb.andWhere('o.nextAttemptAt <= :now', { now: dbTime(this.db, now) });
    const due = await qb
      .orderBy('o.id', 'ASC')
      .limit(this.opts.batchSize ?? 100)
      .getMany();
    if (due.length === 0) return result;

    // Only the oldest pending row of each objection may go: a CLEAR must not overtake its MARK.
    const heads = await repo
      .createQueryBuilder('o')
      .select('o.objectionId', 'objectionId')
      .addSelect('MIN(o.id)', 'id')
      .where('o.status = :pending', { pending: OutboxStatus.PENDING })
      .andWhere('o.objectionId IN (:...ids)', { ids: [...new Set(due.map((r) => r.objectionId))] })
      .groupBy('o.objectionId')
      .getRawMany<{ objectionId: string; id: number | string }>();
    const headIds = new Set(heads.map((h) => Number(h.id)));

    for (const row of due.filter((r) => headIds.has(r.id))) {
      if (!(await this.claim(row, now))) continue;
      try {
        const outcome = await this.deliver(row);
        await this.db.transaction(async (tx) => {
          await tx.getRepository(OutboxEntity).update(
            { id: row.id },
            {
              status: OutboxStatus.DELIVERED,
              deliveredAt: new Date(),
              attempts: row.attempts + 1,
              claimedUntil: null,
              lastError: null,
            },
          );
          await this.opts.onDelivered?.(tx, row, outcome);
        });
        result.delivered++;
      } catch (err) {
        const attempts = row.attempts + 1;
        const retryable = !(err instanceof ServiceCallError) || err.retryable;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 480);
        const park = !retryable || attempts >= this.opts.maxAttempts;
        await repo.update(
          { id: row.id },
          {
            attempts,
            lastError: `${err instanceof ServiceCallError ? err.code : 'ERROR'}: ${message}`,
            claimedUntil: null,
            status: park ? OutboxStatus.FAILED : OutboxStatus.PENDING,
            nextAttemptAt: new Date(
              Date.now() + backoffMs(attempts, this.opts.random, this.opts.backoff ?? DEFAULT_BACKOFF),
            ),
          },
        );
        if (park) {
          result.failed++;
          this.opts.logger.error(
            { outboxId: row.id, objectionId: row.objectionId, kind: row.kind, attempts, err: message },
            'outbox row parked as FAILED',
          );
        } else {
          result.retried++;
          this.opts.logger.warn(
            { outboxId: row.id, objectionId: row.objectionId, kind: row.kind, attempts, err: message },
            'outbox delivery failed; will retry',
          );
        }
      }
    }
    return result;
  }

  private async claim(row: OutboxEntity, now: Date): Promise<boolean> {
    const res = await this.db
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ claimedUntil: new Date(now.getTime() + (this.opts.claimMs ?? 60_000)) })
      .where('id = :id AND status = :pending', { id: row.id, pending: OutboxStatus.PENDING })
      .andWhere('(claimedUntil IS NULL OR claimedUntil < :now)', { now: dbTime(this.db, now) })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  private async deliver(row: OutboxEntity): Promise<{ version?: number }> {
    switch (row.kind as OutboxKind) {
      case OutboxKind.MARK: {
        const p = JSON.parse(row.payload) as MarkPayload;
        await this.records.markUnderObjection(p.recordId, row.objectionId);
        return {};
      }
      case OutboxKind.CLEAR: {
        const p = JSON.parse(row.payload) as MarkPayload;
        await this.records.clearObjection(p.recordId, row.objectionId);
        return {};
      }
      case OutboxKind.APPLY_CORRECTION: {
        const p = JSON.parse(row.payload) as CorrectionPayload;
        const r = await this.records.applyCorrection({ ...p, objectionId: row.objectionId });
        return { version: r.version };
      }
      default:
        throw new ServiceCallError(`unknown outbox kind ${row.kind}`, 'BAD_OUTBOX_ROW', false);
    }
  }
}

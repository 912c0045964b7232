import {
  actorOf,
  AuditEntry,
  domainError,
  ErrorCode,
  openMemoryCache,
  type Cache,
  type ServiceContext,
  type ServiceMetrics,
} from '@credit/shared';
import type { DataSource } from 'typeorm';

export interface VerificationGuardConfig {
  /** Wrong codes for one number before it is locked. */
  failuresBeforeLock: number;
  /** How long a lock lasts, and how long wrong codes are remembered. */
  lockSeconds: number;
  /** Each wrong code answers this much later per wrong code already counted for the number. */
  failureDelayMs: number;
}

/** Where a code was tried: GraphQL verifyReport, the /verify page (HTML or JSON), a PDF by ?code=. */
export type VerificationDoor = 'graphql' | 'page' | 'pdf';

/** The slow-down before answering the n-th wrong code (n ≥ 1), capped at the lock threshold. */
export const failureDelayMs = (cfg: VerificationGuardConfig, failures: number) =>
  cfg.failureDelayMs * Math.min(Math.max(0, failures - 1), cfg.failuresBeforeLock);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Guards one report number against code guessing, whatever the door: wrong codes are counted
 * per number (known or not, so a lock says nothing about whether the number exists), answered
 * ever later, and past the threshold the number is locked (even the right code is refused)
 * until the lock ends. Every wrong code is audited and counted in metrics. The counts live in
 * the platform cache, shared by every replica; while it is unreachable, in this process.
 */
export class VerificationGuard {
  private readonly refusals;
  private readonly local: Cache;

  constructor(
    private readonly db: DataSource,
    private readonly cache: Cache,
    private readonly cfg: VerificationGuardConfig,
    metrics: ServiceMetrics,
  ) {
    this.refusals = metrics.counter(
      'report_verification_failures_total',
      'Refused report verifications by door and outcome (wrong_code, locked)',
      ['door', 'outcome'],
    );
    this.local = openMemoryCache(`verification-guard:${process.pid}:${Math.random().toString(36).slice(2)}`);
  }

  private async run<T>(op: (c: Cache) => Promise<T>): Promise<T> {
    try {
      return await op(this.cache);
    } catch {
      return op(this.local);
    }
  }

  /** Throws VERIFICATION_LOCKED (with retryAfterSeconds) while the number is locked. */
  async assertOpen(number: string, door: VerificationDoor, now = Date.now()): Promise<void> {
    const until = Number((await this.run((c) => c.get(`vl:${number}`))) ?? 0);
    if (until <= now) return;
    this.refusals.inc({ door, outcome: 'locked' });
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw domainError(
      ErrorCode.VERIFICATION_LOCKED,
      `report ${number}: too many wrong verification codes; try again in ${retryAfterSeconds}s`,
      { field: 'number', retryAfterSeconds },
    );
  }

  /** A wrong code for `number`: audit, count, maybe lock, then answer late. */
  async failed(ctx: ServiceContext, number: string, door: VerificationDoor, now = Date.now()): Promise<void> {
    this.refusals.inc({ door, outcome: 'wrong_code' });
    const failures = await this.run((c) => c.incr(`vf:${number}`, this.cfg.lockSeconds));
    const locks = failures >= this.cfg.failuresBeforeLock;
    if (locks) {
      await this.run((c) => c.set(`vl:${number}`, String(now + this.cfg.lockSeconds * 1000), this.cfg.lockSeconds));
      // A new lock starts a new count: the next wrong codes after it ends lead to the next lock.
      await this.run((c) => c.del(`vf:${number}`));
    }
    // No subject code: nothing about a subject was read, and a number that does not exist has none.
    const row = { actor: actorOf(ctx.principal), role: ctx.principal?.role ?? 'ANONYMOUS', target: number };
    await this.db
      .getRepository(AuditEntry)
      .insert([
        { ...row, action: 'report.verify.failed', subjectCode: null, requestId: ctx.requestId },
        ...(locks ? [{ ...row, action: 'report.verify.locked', subjectCode: null, requestId: ctx.requestId }] : []),
      ]);
    const delay = failureDelayMs(this.cfg, failures);
    if (delay > 0) await sleep(delay);
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}

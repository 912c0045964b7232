import {
  actorOf,
  AuditEntry,
  domainError,
  ErrorCode,
  openMemoryCache,
  Role,
  type Cache,
  type Principal,
  type ServiceContext,
  type ServiceMetrics,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { WriteQueue } from '../report/writeQueue';
import { GuardState } from './guardState';

export interface VerificationGuardConfig {
  /** Wrong codes from one client for one number before that client is locked out of it. */
  failuresBeforeLock: number;
  /** How long a lock lasts, how long wrong codes are remembered, and the window in which attacks are counted. */
  lockSeconds: number;
  /** Each wrong code answers this much later per wrong code the same client already made for the number. */
  failureDelayMs: number;
  /** Distinct clients with wrong codes for one number within one window that make it an attack. */
  attackClients: number;
}

/** Where a code was tried: GraphQL verifyReport, the /verify page (HTML or JSON), a PDF by ?code=. */
export type VerificationDoor = 'graphql' | 'page' | 'pdf';

/** The slow-down before answering the n-th wrong code (n ≥ 1), capped at the lock threshold. */
export const failureDelayMs = (cfg: VerificationGuardConfig, failures: number) =>
  cfg.failureDelayMs * Math.min(Math.max(0, failures - 1), cfg.failuresBeforeLock);

/**
 * Who is guessing: an exchange partner by its id (its systems may call from many addresses, and a
 * partner is one party however many it uses), anyone else by the address the gateway saw.
 */
export function verificationClient(ctx: Pick<ServiceContext, 'principal' | 'clientIp'>): string {
  const p: Principal | undefined = ctx.principal;
  if (p?.role === Role.PARTNER) return actorOf(p);
  return `ip:${ctx.clientIp || 'unknown'}`;
}

/** The fixed window (of lockSeconds) that `now` falls in: attacks are counted and reported once per window. */
export const attackWindow = (cfg: VerificationGuardConfig, now: number) => Math.floor(now / 1000 / cfg.lockSeconds);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Guards report numbers against code guessing, whatever the door, per client and number: a
 * client's wrong codes for a number (known or not, so a lock says nothing about whether the number
 * exists) are answered ever later, and past the threshold that client is locked out of that number
 * until the lock ends. Nobody else is: the holder of the right code verifies at once whatever others
 * tried, so a rival cannot block a competitor's report by guessing at its number.
 *
 * Many clients guessing at one number is an attack rather than a typo: the first wrong code that
 * brings a window's distinct clients to the threshold counts it in metrics and writes one
 * `report.verify.attacked` entry for the lead department's audit trail (one per number and window,
 * however long the attack goes on). Every wrong code is audited and counted too. The counts live in
 * the platform cache, shared by every replica (while it is unreachable, in this process), and in the
 * reports database, from which they come back when the cache lost them (GuardState).
 */
export class VerificationGuard {
  private readonly refusals;
  private readonly attacks;
  private readonly local: Cache;
  private readonly state: GuardState;

  constructor(
    private readonly db: DataSource,
    cache: Cache,
    private readonly cfg: VerificationGuardConfig,
    metrics: ServiceMetrics,
    writes: WriteQueue = (fn) => fn(),
  ) {
    this.refusals = metrics.counter(
      'report_verification_failures_total',
      'Refused report verifications by door and outcome (wrong_code, locked)',
      ['door', 'outcome'],
    );
    this.attacks = metrics.counter(
      'report_verification_attacks_total',
      'Report numbers that received wrong codes from VERIFY_ATTACK_CLIENTS distinct clients within one window',
      [],
    );
    this.local = openMemoryCache(`verification-guard:${process.pid}:${Math.random().toString(36).slice(2)}`);
    this.state = new GuardState(db, cache, this.local, writes, cfg.lockSeconds);
  }

  /** Throws VERIFICATION_LOCKED (with retryAfterSeconds) while `client` is locked out of the number. */
  async assertOpen(number: string, client: string, door: VerificationDoor, now = Date.now()): Promise<void> {
    const until = (await this.state.lockedUntil(`vl:${number}:${client}`, now)) ?? 0;
    if (until <= now) return;
    this.refusals.inc({ door, outcome: 'locked' });
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw domainError(
      ErrorCode.VERIFICATION_LOCKED,
      `report ${number}: too many wrong verification codes from this client; try again in ${retryAfterSeconds}s`,
      { field: 'number', retryAfterSeconds },
    );
  }

  /** A wrong code for `number` from `client`: audit, count, maybe lock the client out, then answer late. */
  async failed(
    ctx: ServiceContext,
    number: string,
    client: string,
    door: VerificationDoor,
    now = Date.now(),
  ): Promise<void> {
    this.refusals.inc({ door, outcome: 'wrong_code' });
    const failures = await this.state.incr(`vf:${number}:${client}`, this.cfg.lockSeconds, now);
    const locks = failures >= this.cfg.failuresBeforeLock;
    if (locks) {
      await this.state.lock(`vl:${number}:${client}`, now + this.cfg.lockSeconds * 1000, now);
      // A new lock starts a new count: the next wrong codes after it ends lead to the next lock.
      await this.state.del(`vf:${number}:${client}`);
    }
    await this.state.purgeExpired(now);
    const attacked = await this.countClient(number, client, now);
    // No subject code: nothing about a subject was read, and a number that does not exist has none.
    const row = { actor: actorOf(ctx.principal), role: ctx.principal?.role ?? 'ANONYMOUS', target: number };
    const entry = (action: string) => ({ ...row, action, subjectCode: null, requestId: ctx.requestId });
    await this.db
      .getRepository(AuditEntry)
      .insert([
        entry('report.verify.failed'),
        ...(locks ? [entry('report.verify.locked')] : []),
        ...(attacked ? [entry('report.verify.attacked')] : []),
      ]);
    if (attacked) {
      this.attacks.inc();
      ctx.log.warn(
        { number, clients: this.cfg.attackClients, windowSeconds: this.cfg.lockSeconds },
        'report number attacked: wrong verification codes from many clients',
      );
    }
    const delay = failureDelayMs(this.cfg, failures);
    if (delay > 0) await sleep(delay);
  }

  /**
   * Counts `client` once per window among the number's guessers; true for the one wrong code that
   * brings them to the attack threshold (so the alarm rings once per number and window).
   */
  private async countClient(number: string, client: string, now: number): Promise<boolean> {
    const window = attackWindow(this.cfg, now);
    // Both keys outlive their window by a little, so a window's count never restarts within it.
    const ttl = this.cfg.lockSeconds + 1;
    const first = await this.state.setIfAbsent(`vc:${number}:${window}:${client}`, ttl, now);
    if (!first) return false;
    const clients = await this.state.incr(`va:${number}:${window}`, ttl, now);
    return clients === this.cfg.attackClients;
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}

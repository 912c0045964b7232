import { actorOf, ErrorCode, type Cache, type Principal, type Rejection } from '@credit/shared';

export interface RateLimitConfig {
  /** Operations per window for a signed-in principal. */
  perPrincipal: number;
  /** Requests per window per client IP for anonymous callers: every public door counts here. */
  perAnonymousIp: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in the shared cache. With Redis every gateway instance counts into the
 * same key, so N instances share one budget instead of multiplying it by N. While the shared
 * cache does not answer, this instance counts in its own memory (`local`): the limits hold per
 * instance instead of waiting on Redis or letting everything through.
 */
export class RateLimiter {
  constructor(
    private readonly cache: Cache,
    private readonly cfg: RateLimitConfig,
    private readonly local?: Cache,
  ) {}

  private async count(key: string, units: number): Promise<number> {
    const ttl = this.cfg.windowSeconds + 1;
    try {
      return await this.cache.incr(key, ttl, units);
    } catch (err) {
      if (!this.local) throw err;
      return this.local.incr(key, ttl, units);
    }
  }

  /** One request: one unit of the caller's budget. */
  check(principal: Principal | undefined, ip: string, now = Date.now()): Promise<Rejection | undefined> {
    return this.spend(principal, ip, 1, now);
  }

  /** Several units at once (each item of a batch verification costs what a single one does). */
  async spend(
    principal: Principal | undefined,
    ip: string,
    units: number,
    now = Date.now(),
  ): Promise<Rejection | undefined> {
    const window = Math.floor(now / 1000 / this.cfg.windowSeconds);
    const who = principal ? actorOf(principal) : `ip:${ip}`;
    const limit = principal ? this.cfg.perPrincipal : this.cfg.perAnonymousIp;
    const count = await this.count(`rl:${who}:${window}`, units);
    if (count <= limit) return undefined;
    const retryAfter = Math.max(1, (window + 1) * this.cfg.windowSeconds - Math.floor(now / 1000));
    return {
      status: 429,
      code: ErrorCode.RATE_LIMITED,
      message: `rate limit of ${limit} operations per ${this.cfg.windowSeconds}s exceeded for ${principal ? principal.role : 'anonymous client'}; retry after ${retryAfter}s`,
      headers: { 'retry-after': String(retryAfter) },
      extensions: { limit, windowSeconds: this.cfg.windowSeconds, retryAfterSeconds: retryAfter },
    };
  }
}

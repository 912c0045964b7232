import { AuditEntry, createLogger, ErrorCode, openCache, ServiceMetrics, type Cache } from '@credit/shared';
import { dropTestSchemas, forgetCacheNamespace, openTestDatabase, testEnv, usingRedis } from '@credit/shared/test';
import type { DataSource } from 'typeorm';
import { VerificationGuardStateEntity } from './guardState.entity';
import { VerificationGuard } from './verificationGuard';

// Issue 27.7: wrong-code counts and locks outlive the cache. On Redis the test deletes its own
// namespace's keys (what a restart loses); in memory mode a new cache stands for a new process.
const cfg = { failuresBeforeLock: 3, lockSeconds: 900, failureDelayMs: 0, attackClients: 3 };
const env = testEnv();
const logger = createLogger('reports', 'silent');
let db: DataSource;
let generation = 0;
const open: { guard: VerificationGuard; cache: Cache }[] = [];

/** A guard as a freshly started reports process has it: its own cache connection (a new namespace in memory mode). */
async function startGuard(): Promise<VerificationGuard> {
  const namespace = usingRedis ? `${env.CACHE_PREFIX}:reports` : `${env.CACHE_PREFIX}:reports:${generation++}`;
  const cache = await openCache({ redisUrl: env.REDIS_URL, namespace });
  const guard = new VerificationGuard(db, cache, cfg, new ServiceMetrics(`reports_${generation++}`));
  open.push({ guard, cache });
  return guard;
}

/** What a Redis restart does, or a new process on the in-process cache: every count and lock gone from the cache. */
async function loseTheCache(): Promise<VerificationGuard> {
  if (usingRedis) expect(await forgetCacheNamespace(env.REDIS_URL!, `${env.CACHE_PREFIX}:reports`)).toBeGreaterThan(0);
  return startGuard();
}

const ctx = (ip: string) => ({ requestId: `req-${ip}`, log: logger, clientIp: ip });
let serial = 0;
const newNumber = () => `GZ20260101${String(++serial).padStart(7, '0')}ABCD`;

async function lockState(guard: VerificationGuard, number: string, client: string, now = Date.now()) {
  try {
    await guard.assertOpen(number, client, 'graphql', now);
    return 'open';
  } catch (err) {
    expect((err as { extensions: { code: string } }).extensions.code).toBe(ErrorCode.VERIFICATION_LOCKED);
    return 'locked';
  }
}

beforeAll(async () => {
  db = await openTestDatabase('reports', [VerificationGuardStateEntity, AuditEntry], env);
});
afterAll(async () => {
  for (const { guard, cache } of open) {
    await guard.close();
    await cache.close().catch(() => undefined);
  }
  await db.destroy();
  await dropTestSchemas(env);
});

describe('verification locks that survive the cache', () => {
  it('a lock holds after the cache lost it, and ends when it would have', async () => {
    const number = newNumber();
    const before = await startGuard();
    for (let i = 0; i < cfg.failuresBeforeLock; i++)
      await before.failed(ctx('203.0.113.1'), number, 'ip:203.0.113.1', 'graphql');
    expect(await lockState(before, number, 'ip:203.0.113.1')).toBe('locked');

    const after = await loseTheCache();
    expect(await lockState(after, number, 'ip:203.0.113.1')).toBe('locked');
    // Only that client: another one is not locked out by what the first did.
    expect(await lockState(after, number, 'ip:203.0.113.2')).toBe('open');
    expect(await lockState(after, number, 'ip:203.0.113.1', Date.now() + cfg.lockSeconds * 1000 + 1)).toBe('open');
  });

  it('wrong codes counted before the loss still count towards the lock', async () => {
    const number = newNumber();
    const before = await startGuard();
    for (let i = 0; i < cfg.failuresBeforeLock - 1; i++)
      await before.failed(ctx('198.51.100.1'), number, 'ip:198.51.100.1', 'pdf');
    expect(await lockState(before, number, 'ip:198.51.100.1')).toBe('open');

    const after = await loseTheCache();
    await after.failed(ctx('198.51.100.1'), number, 'ip:198.51.100.1', 'pdf');
    expect(await lockState(after, number, 'ip:198.51.100.1')).toBe('locked');
  });

  it('attack detection goes on counting the clients of a window across the loss, and rings once', async () => {
    const number = newNumber();
    const attacked = () => db.getRepository(AuditEntry).countBy({ action: 'report.verify.attacked', target: number });
    const before = await startGuard();
    await before.failed(ctx('192.0.2.1'), number, 'ip:192.0.2.1', 'page');
    await before.failed(ctx('192.0.2.2'), number, 'ip:192.0.2.2', 'page');
    const after = await loseTheCache();
    // The same client again is not a new one.
    await after.failed(ctx('192.0.2.2'), number, 'ip:192.0.2.2', 'page');
    expect(await attacked()).toBe(0);
    await after.failed(ctx('192.0.2.3'), number, 'ip:192.0.2.3', 'page');
    await after.failed(ctx('192.0.2.4'), number, 'ip:192.0.2.4', 'page');
    expect(await attacked()).toBe(1);
  });

  (usingRedis ? it : it.skip)(
    'counts and locks in this process and the database while Redis is unreachable (needs REDIS_URL)',
    async () => {
      const number = newNumber();
      const guard = await startGuard();
      // The guard's Redis connection is gone: every command fails, as in an outage.
      await open[open.length - 1].cache.close();
      for (let i = 0; i < cfg.failuresBeforeLock; i++)
        await guard.failed(ctx('192.0.2.9'), number, 'ip:192.0.2.9', 'graphql');
      expect(await lockState(guard, number, 'ip:192.0.2.9')).toBe('locked');
      // Written through while Redis was down: a replica with a working connection sees the lock too.
      expect(await lockState(await startGuard(), number, 'ip:192.0.2.9')).toBe('locked');
    },
  );
});

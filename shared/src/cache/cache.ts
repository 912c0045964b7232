import { LRUCache } from 'lru-cache';
import { createClient, createCluster, type RedisClientType, type RedisClusterType } from 'redis';

/** String cache shared by the services; values are serialised by the caller. */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Stores the value only when the key holds none (SET NX); true when it did. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /** Atomic counter with expiry set on first increment (rate limits, sequences); `by` defaults to 1. */
  incr(key: string, ttlSeconds: number, by?: number): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface CacheOptions {
  redisUrl?: string;
  /** Redis Cluster seed nodes; takes precedence over redisUrl. */
  clusterNodes?: string[];
  /** Prefix of every key, so that services and test runs sharing one Redis never collide. */
  namespace: string;
  maxEntries?: number;
  /** A Redis command not answered within this many ms fails (CacheUnavailableError); default 200. */
  commandTimeoutMs?: number;
}

export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 200;

/**
 * Redis did not answer in time or is disconnected. Callers decide what an outage means for them
 * (count locally, treat as a miss, retry later) instead of waiting for the connection to return.
 */
export class CacheUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`cache unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CacheUnavailableError';
  }
}

interface MemoryStore {
  lru: LRUCache<string, string>;
  counters: Map<string, { n: number; until: number }>;
  users: number;
}
// Caches opened with the same namespace in one process share a store, as Redis clients share a
// server: the services of an in-process test platform see each other's keys.
const stores = new Map<string, MemoryStore>();

class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  private readonly lru: LRUCache<string, string>;
  private readonly counters: Map<string, { n: number; until: number }>;
  private readonly store: MemoryStore;
  constructor(
    private readonly ns: string,
    max: number,
  ) {
    let store = stores.get(ns);
    if (!store) {
      store = { lru: new LRUCache<string, string>({ max, ttlAutopurge: false }), counters: new Map(), users: 0 };
      stores.set(ns, store);
    }
    store.users++;
    this.store = store;
    this.lru = store.lru;
    this.counters = store.counters;
  }
  async get(key: string) {
    const value = this.lru.get(this.ns + key);
    if (value !== undefined) return value;
    // As in Redis, a counter is readable as a string.
    const c = this.counters.get(this.ns + key);
    return c && c.until > Date.now() ? String(c.n) : undefined;
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.lru.set(this.ns + key, value, { ttl: ttlSeconds * 1000 });
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    if ((await this.get(key)) !== undefined) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }
  async del(...keys: string[]) {
    for (const k of keys) {
      this.lru.delete(this.ns + k);
      this.counters.delete(this.ns + k);
    }
  }
  async incr(key: string, ttlSeconds: number, by = 1) {
    const now = Date.now();
    const k = this.ns + key;
    const c = this.counters.get(k);
    if (!c || c.until <= now) {
      if (this.counters.size > this.lru.max) this.sweepCounters(now);
      this.counters.set(k, { n: by, until: now + ttlSeconds * 1000 });
      return by;
    }
    c.n += by;
    return c.n;
  }
  private sweepCounters(now: number) {
    for (const [k, c] of this.counters) if (c.until <= now) this.counters.delete(k);
  }
  async ping() {
    return true;
  }
  async close() {
    if (--this.store.users > 0) return;
    this.lru.clear();
    stores.delete(this.ns);
  }
}

type RedisLike = RedisClientType | RedisClusterType;

class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  constructor(
    private readonly client: RedisLike,
    private readonly ns: string,
    private readonly timeoutMs: number,
    private readonly cluster = false,
  ) {}
  /** Every command fails within the time-out: a hung or absent Redis must not hold a request. */
  private async bounded<T>(command: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([command(), late]);
    } catch (err) {
      throw err instanceof CacheUnavailableError ? err : new CacheUnavailableError(err);
    } finally {
      clearTimeout(timer);
    }
  }
  async get(key: string) {
    const v = await this.bounded(() => this.client.get(this.ns + key));
    return v ?? undefined;
  }
  async set(key: string, value: string, ttlSeconds: number) {
    await this.bounded(() =>
      this.client.set(this.ns + key, value, {
        expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) },
      }),
    );
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    const ok = await this.client.set(this.ns + key, value, {
      condition: 'NX',
      expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) },
    });
    return ok === 'OK';
  }
  async del(...keys: string[]) {
    if (!keys.length) return;
    // A multi-key DEL must stay within one hash slot on a cluster: delete key by key there.
    await this.bounded(async () => {
      if (this.cluster) await Promise.all(keys.map((k) => this.client.del(this.ns + k)));
      else await this.client.del(keys.map((k) => this.ns + k));
    });
  }
  /**
   * Increments of one key asked for in the same turn travel as one INCRBY of their sum; each caller
   * gets the value its own increment reached, in the order asked, so every caller still sees a
   * distinct count and the shared total is exact. (The gateway's rate limit counts every request of
   * an anonymous IP or a principal into one key: under load each was a MULTI of its own, about a
   * tenth of the gateway's CPU per verification.)
   */
  incr(key: string, ttlSeconds: number, by = 1): Promise<number> {
    const k = this.ns + key;
    let group = this.pendingIncr.get(k);
    if (!group) {
      group = { total: 0, ttlSeconds, waiting: [] };
      this.pendingIncr.set(k, group);
      setImmediate(() => void this.flushIncr(k));
    }
    group.ttlSeconds = Math.max(group.ttlSeconds, ttlSeconds);
    group.total += by;
    const upTo = group.total;
    return new Promise<number>((resolve, reject) => group.waiting.push({ upTo, resolve, reject }));
  }
  private readonly pendingIncr = new Map<
    string,
    {
      total: number;
      ttlSeconds: number;
      waiting: { upTo: number; resolve: (n: number) => void; reject: (err: unknown) => void }[];
    }
  >();
  private async flushIncr(k: string): Promise<void> {
    const group = this.pendingIncr.get(k)!;
    this.pendingIncr.delete(k);
    try {
      const [n] = (await this.bounded(() =>
        this.client
          .multi()
          .incrBy(k, group.total)
          .expire(k, Math.max(1, Math.ceil(group.ttlSeconds)), 'NX')
          .exec(),
      )) as unknown as [number];
      const start = Number(n) - group.total;
      for (const w of group.waiting) w.resolve(start + w.upTo);
    } catch (err) {
      for (const w of group.waiting) w.reject(err);
    }
  }
  async ping() {
    try {
      if (this.cluster) {
        await this.bounded(() => this.client.get(`${this.ns}health`));
        return true;
      }
      return (await this.bounded(() => (this.client as RedisClientType).ping())) === 'PONG';
    } catch {
      return false;
    }
  }
  async close() {
    if (this.client.isOpen) await this.client.quit();
  }
}

/** Always in-process: a fallback to count in while the shared cache is unreachable. */
export const openMemoryCache = (namespace: string, maxEntries = 50_000): Cache =>
  new MemoryCache(`${namespace}:`, maxEntries);

/** No REDIS_URL -> bounded in-process LRU with TTLs; REDIS_URL -> node-redis. */
export async function openCache(opts: CacheOptions): Promise<Cache> {
  const ns = `${opts.namespace}:`;
  const timeoutMs = opts.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  // No offline queue: while disconnected a command fails at once instead of waiting for the
  // reconnection (the callers have a fallback for every command).
  if (opts.clusterNodes?.length) {
    const cluster = createCluster({
      rootNodes: opts.clusterNodes.map((url) => ({ url })),
      defaults: { disableOfflineQueue: true },
    }) as unknown as RedisClusterType;
    cluster.on('error', () => {
      // Reconnection is automatic; readiness reports the outage through ping().
    });
    await cluster.connect();
    return new RedisCache(cluster, ns, timeoutMs, true);
  }
  if (!opts.redisUrl) return new MemoryCache(ns, opts.maxEntries ?? 50_000);
  const client = createClient({
    url: opts.redisUrl,
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    // Reconnect quickly (at most every 500 ms) so that service resumes soon after Redis returns.
    socket: { reconnectStrategy: (retries) => Math.min(50 + retries * 50, 500), connectTimeout: 5000 },
  }) as RedisClientType;
  client.on('error', () => {
    // Reconnection is automatic; readiness reports the outage through ping().
  });
  await client.connect();
  return new RedisCache(client, ns, timeoutMs);
}

/** REDIS_CLUSTER_NODES wins over REDIS_URL; neither means in-process memory. */
export const cacheTarget = (env: {
  REDIS_URL?: string;
  REDIS_CLUSTER_NODES?: string[];
  REDIS_COMMAND_TIMEOUT_MS?: number;
}): Pick<CacheOptions, 'redisUrl' | 'clusterNodes' | 'commandTimeoutMs'> => ({
  redisUrl: env.REDIS_URL,
  clusterNodes: env.REDIS_CLUSTER_NODES,
  commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
});

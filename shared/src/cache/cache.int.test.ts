import { openCache, type Cache } from './cache';

// Runs against Redis when REDIS_URL is set (CI's second pass), else the in-process cache.
const redisUrl = process.env.REDIS_URL;
const namespace = `test:${process.pid}:${Date.now()}`;
let cache: Cache;
beforeAll(async () => {
  cache = await openCache({ redisUrl, namespace, maxEntries: 100 });
});
afterAll(() => cache.close());

describe(`cache (${redisUrl ? 'Redis' : 'memory'})`, () => {
  it('is the kind the environment asks for', () => {
    expect(cache.kind).toBe(redisUrl ? 'redis' : 'memory');
  });

  it('stores, reads and deletes values', async () => {
    await cache.set('a', 'one', 60);
    expect(await cache.get('a')).toBe('one');
    await cache.del('a');
    expect(await cache.get('a')).toBeUndefined();
  });

  it('expires values after their TTL', async () => {
    await cache.set('short', 'x', 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await cache.get('short')).toBeUndefined();
  });

  it('stores a value only when the key holds none', async () => {
    expect(await cache.setIfAbsent('once', 'first', 60)).toBe(true);
    expect(await cache.setIfAbsent('once', 'second', 60)).toBe(false);
    expect(await cache.get('once')).toBe('first');
    await cache.del('once');
    expect(await cache.setIfAbsent('once', 'third', 60)).toBe(true);
    expect(await cache.get('once')).toBe('third');
  });

  it('counts atomically', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => cache.incr('n', 60)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('counts exactly when increments of one key arrive together, with different steps', async () => {
    const steps = [1, 3, 1, 5, 2];
    const counts = await Promise.all(steps.map((by) => cache.incr('steps', 60, by)));
    // Each caller sees the total its own step reached, in the order they asked.
    expect(counts).toEqual([1, 4, 5, 10, 12]);
    expect(await cache.incr('steps', 60)).toBe(13);
  });

  it('keeps one exact total when two instances count into one key at once', async () => {
    const other = await openCache({ redisUrl, namespace, maxEntries: 100 });
    try {
      const counts = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? cache : other).incr('shared-n', 60)),
      );
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });

  it('reads a counter back as a string, as Redis does', async () => {
    await cache.incr('readable', 60);
    await cache.incr('readable', 60);
    expect(await cache.get('readable')).toBe('2');
  });

  it('answers ping', async () => {
    expect(await cache.ping()).toBe(true);
  });
});

describe('memory cache bound', () => {
  it('evicts the least recently used entries beyond its size', async () => {
    const small = await openCache({ namespace: 'bound', maxEntries: 100 });
    for (let i = 0; i < 150; i++) await small.set(`k${i}`, String(i), 60);
    expect(await small.get('k0')).toBeUndefined();
    expect(await small.get('k149')).toBe('149');
    await small.close();
  });
});

import { createServer, type Server } from 'node:http';
import { openCache, type Cache } from '../../cache/cache';
import { createServiceClient } from '../../server/serviceClient';
import { closeServer, listen } from '../../server/httpServer';
import { TEST_AUTH } from '../../../test';
import { CATALOGUE_VERSION_KEY, CatalogueChanges, EntitiesCatalogue } from './entitiesCatalogue';

// Runs against Redis when REDIS_URL is set (CI's second pass), else the in-process memory cache,
// which is per process and so never platform-wide: the catalogue then asks entities on every use.
const redisUrl = process.env.REDIS_URL;
const platformWide = Boolean(redisUrl);

/**
 * A stand-in for the entities subgraph's catalogue (this package cannot start entities itself):
 * answers the generated DomainCatalogue and SourceUnitRegister operations, counts calls, can hold
 * answers back (concurrency) and be taken down like a real outage.
 */
class StandInEntities {
  domains = [
    { code: 'D07', nameZh: '市场监管', active: true, sortOrder: 2 },
    { code: 'D04', nameZh: '交通运输', active: true, sortOrder: 1 },
  ];
  units = [
    {
      code: 'GZ-D07',
      name: '贵州省市场监督管理局',
      active: true,
      domainCodes: ['D07'],
      regionCode: '520000',
      creditCode: '11520000MB1234567X',
    },
  ];
  calls: string[] = [];
  private held?: Promise<void>;
  private release?: () => void;
  url = '';
  private port = 0;
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { query } = JSON.parse(body) as { query: string };
      const op = /^query (\w+)/.exec(query)?.[1] ?? 'unknown';
      this.calls.push(op);
      await this.held;
      const data =
        op === 'DomainCatalogue'
          ? { domains: this.domains }
          : op === 'SourceUnitRegister'
            ? { sourceUnits: this.units }
            : null;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data ? { data } : { errors: [{ message: `unknown operation ${op}` }] }));
    });
  });

  async start() {
    this.port = await listen(this.server, this.port, '127.0.0.1');
    this.url = `http://127.0.0.1:${this.port}/graphql`;
  }
  down() {
    return closeServer(this.server);
  }
  /** Answers wait until `answer()`. */
  hold() {
    this.held = new Promise((r) => (this.release = r));
  }
  answer() {
    this.release?.();
    this.held = undefined;
  }
  count(op: string) {
    return this.calls.filter((c) => c === op).length;
  }
}

let entities: StandInEntities;
let shared: Cache;
let clock: number;
const warnings: string[] = [];
const logger = { warn: (_: object, message: string) => void warnings.push(message) };

const catalogue = (opts: { staleLimitMs?: number; maxAgeMs?: number } = {}) =>
  new EntitiesCatalogue(createServiceClient({ url: entities.url, service: 'records', auth: TEST_AUTH }), {
    shared,
    logger,
    now: () => clock,
    ...opts,
  });

beforeEach(async () => {
  entities = new StandInEntities();
  await entities.start();
  shared = await openCache({ redisUrl, namespace: `catalogue:${process.pid}:${Date.now()}:${Math.random()}` });
  clock = 1_000_000;
  warnings.length = 0;
});
afterEach(async () => {
  entities.answer();
  await entities.down().catch(() => undefined);
  await shared.close();
});

describe(`the entities catalogue cache (${platformWide ? 'Redis: platform-wide' : 'memory: per process'})`, () => {
  it('serves the domains in the plan order and every unit with its region and credit code', async () => {
    const c = catalogue();
    expect((await c.domains()).map((d) => d.code)).toEqual(['D04', 'D07']);
    expect(await c.sourceUnits()).toEqual([
      {
        code: 'GZ-D07',
        name: '贵州省市场监督管理局',
        active: true,
        domainCodes: ['D07'],
        regionCode: '520000',
        creditCode: '11520000MB1234567X',
      },
    ]);
  });

  it('reads entities once while the catalogue version is unchanged, else on every use', async () => {
    const c = catalogue();
    await c.domains();
    await c.domains();
    await c.domains();
    expect(entities.count('DomainCatalogue')).toBe(platformWide ? 1 : 3);
  });

  it('lets concurrent uses share one call to entities', async () => {
    const c = catalogue();
    entities.hold();
    const uses = Promise.all([c.domains(), c.domains(), c.domains(), c.domains()]);
    // Every use has reached the shared read before entities answers: the first is there; the others
    // read the catalogue version in at most three round trips to the cache, and a reply on the cache's
    // one connection comes after every command sent before it, so after four pings they have joined.
    while (entities.count('DomainCatalogue') === 0) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 4; i++) await shared.ping();
    entities.answer();
    const answers = await uses;
    expect(entities.count('DomainCatalogue')).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('shows a write in entities on the next use', async () => {
    const c = catalogue();
    expect((await c.domains()).find((d) => d.code === 'D07')?.active).toBe(true);
    entities.domains[0] = { ...entities.domains[0], active: false };
    await new CatalogueChanges(shared).publish();
    expect((await c.domains()).find((d) => d.code === 'D07')?.active).toBe(false);
  });

  it('reads again when the version key is lost, then holds the copy under the new version', async () => {
    const c = catalogue();
    await c.domains();
    await shared.del(CATALOGUE_VERSION_KEY);
    await c.domains();
    await c.domains();
    expect(entities.count('DomainCatalogue')).toBe(platformWide ? 2 : 3);
  });

  it('re-reads a copy older than the maximum age even without a version change', async () => {
    const c = catalogue({ maxAgeMs: 10_000 });
    await c.domains();
    clock += 10_000;
    await c.domains();
    expect(entities.count('DomainCatalogue')).toBe(2);
  });

  describe('when entities is down', () => {
    it('serves the last good copy, with a warning, for at most the stale limit; then SERVICE_UNAVAILABLE', async () => {
      const c = catalogue({ staleLimitMs: 60_000 });
      const before = await c.domains();
      await entities.down();
      // A change is published, so that even a platform-wide copy has to be read again.
      await new CatalogueChanges(shared).publish();
      clock += 60_000;
      expect(await c.domains()).toBe(before);
      expect(warnings).toEqual(['entities unavailable; serving the last domain catalogue']);
      clock += 1;
      await expect(c.domains()).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'entities' },
      });
    });

    it('fails with SERVICE_UNAVAILABLE when no copy was ever read', async () => {
      const c = catalogue();
      await entities.down();
      await expect(c.sourceUnits()).rejects.toMatchObject({
        message: expect.stringContaining('source-unit register cannot be read from entities'),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    });

    it('serves fresh copies again once entities is back', async () => {
      const c = catalogue({ staleLimitMs: 0 });
      await c.domains();
      await entities.down();
      await new CatalogueChanges(shared).publish();
      clock += 1;
      await expect(c.domains()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      entities.domains.push({ code: 'D44', nameZh: '测试领域', active: true, sortOrder: 44 });
      await entities.start();
      expect((await c.domains()).map((d) => d.code)).toEqual(['D04', 'D07', 'D44']);
    });
  });
});

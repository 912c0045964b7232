import type { GraphQLSchema } from 'graphql';
import type { DataSource, MixedList } from 'typeorm';
import { authConfigFromEnv, createTokenVerifier, type TokenVerifier } from '../auth/jwt';
import { cacheTarget, openCache, type Cache } from '../cache/cache';
import { SubjectChanges } from '../cache/subjectChanges';
import { ConfigError, type CommonEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { AuditAnchoring, EMBEDDED_AUDIT_ANCHOR_KEY } from '../audit/auditAnchors';
import { AuditEntry } from '../audit/auditEntry.entity';
import { createLogger, type Logger } from '../logging/logger';
import type { ServiceContext } from './context';
import { closeServer, listen, type HealthWarning, type RouteHandler } from './httpServer';
import { serviceTokenReadiness, serviceTokenSource } from './serviceClient';
import { createSubgraphServer, type SubgraphServer } from './subgraphServer';
import { ServiceMetrics } from '../metrics/metrics';

export interface SubgraphDeps {
  dataSource: DataSource;
  cache: Cache;
  /** The cache every service shares (`${CACHE_PREFIX}:shared`): platform-wide on Redis, per process in memory. */
  sharedCache: Cache;
  /** Platform-wide "subject data changed" signal (invalidates the gateway's response cache). */
  subjectChanges: SubjectChanges;
  logger: Logger;
  env: CommonEnv;
  /** The service's Prometheus registry, for counters of its own. */
  metrics: ServiceMetrics;
}

export interface BootOptions<C extends ServiceContext, S> {
  name: string;
  env: CommonEnv;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  buildSchema: () => Promise<GraphQLSchema>;
  /** Stateless services, built once. */
  createServices: (deps: SubgraphDeps) => S;
  /** Per-request context from the base one (fresh DataLoaders). */
  extendContext: (base: ServiceContext, services: S) => C | Promise<C>;
  /** Runs once the database is open (catalogue, demo seed). */
  onReady?: (services: S, deps: SubgraphDeps) => Promise<void>;
  routes?: (services: S, deps: SubgraphDeps) => Record<string, RouteHandler>;
  /** Shown on /health/ready without changing readiness (something to act on soon). */
  healthWarnings?: (services: S, deps: SubgraphDeps) => HealthWarning[];
  /** POST routes outside GraphQL by exact path (a file upload); their handlers read the body themselves. */
  postRoutes?: (services: S, deps: SubgraphDeps) => Record<string, RouteHandler>;
  logger?: Logger;
  /** Tests pass a temporary SQLite file. */
  sqliteFile?: string;
  /** Request body bound (default 1 MB); raise it only for subgraphs that take uploads. */
  maxBodyBytes?: number;
  /** MySQL connections that take several statements per query (commitInOneTrip). */
  multipleStatements?: boolean;
  /** /graphql URLs of the subgraphs this one calls: readiness checks that they accept our SERVICE token. */
  callees?: (string | undefined)[];
}

export interface BootedSubgraph<S> extends SubgraphServer, SubgraphDeps {
  services: S;
  /** Stops the HTTP layer, then closes the cache and the database. */
  shutdown(): Promise<void>;
}

/** The same start-up for every subgraph: env -> database -> cache -> schema -> server (not listening). */
export async function bootSubgraph<C extends ServiceContext, S>(opts: BootOptions<C, S>): Promise<BootedSubgraph<S>> {
  const env = opts.env;
  const logger = opts.logger ?? createLogger(opts.name, env.LOG_LEVEL);
  const auth = authConfigFromEnv(env);
  const verifyToken = createTokenVerifier(auth);
  // Before the database opens: a token this platform's own keys refuse is a configuration error.
  if (env.SERVICE_TOKEN) await checkServiceToken(env.SERVICE_TOKEN, verifyToken);
  const production = env.NODE_ENV === 'production';
  if (production && !env.AUDIT_ANCHOR_KEY) {
    throw new ConfigError([
      'AUDIT_ANCHOR_KEY: production needs its own key to sign the audit anchors (the same for every subgraph and `pnpm audit:check`)',
    ]);
  }
  // Never DB_MIGRATE_URL: production refuses it (env.ts); `pnpm migrate` runs the migrations before.
  const dataSource = await openDatabase({
    service: opts.name,
    entities: opts.entities,
    migrations: opts.migrations,
    dbUrl: env.DB_URL,
    applyMigrations: !production,
    replicaUrls: env.DB_REPLICA_URLS,
    dataDir: env.DATA_DIR,
    poolSize: env.DB_POOL_SIZE,
    multipleStatements: opts.multipleStatements,
    logger,
    sqliteFile: opts.sqliteFile,
  });
  const callees = (opts.callees ?? []).filter((u): u is string => Boolean(u));
  let cache: Cache | undefined;
  let shared: Cache | undefined;
  let subjectChanges: SubjectChanges | undefined;
  let anchoring: AuditAnchoring | undefined;
  try {
    const metrics = new ServiceMetrics(opts.name);
    cache = metrics.instrumentCache(
      await openCache({
        ...cacheTarget(env),
        namespace: `${env.CACHE_PREFIX}:${opts.name}`,
        maxEntries: env.CACHE_MAX_ENTRIES,
      }),
    );
    shared = await openCache({
      ...cacheTarget(env),
      namespace: `${env.CACHE_PREFIX}:shared`,
      maxEntries: env.CACHE_MAX_ENTRIES,
    });
    subjectChanges = new SubjectChanges(shared);
    const deps: SubgraphDeps = { dataSource, cache, sharedCache: shared, subjectChanges, logger, env, metrics };
    if (Array.isArray(opts.entities) && opts.entities.includes(AuditEntry)) {
      anchoring = new AuditAnchoring(dataSource, env.AUDIT_ANCHOR_KEY ?? EMBEDDED_AUDIT_ANCHOR_KEY, logger);
      anchoring.start();
    }
    const services = opts.createServices(deps);
    await opts.onReady?.(services, deps);
    const schema = await opts.buildSchema();
    const server = await createSubgraphServer<C>({
      name: opts.name,
      schema,
      dataSource,
      cache,
      logger,
      production: env.NODE_ENV === 'production',
      exposeSqlCount: env.NODE_ENV === 'test',
      execution: env.GRAPHQL_EXECUTION,
      verifyToken,
      extendContext: (base) => opts.extendContext(base, services),
      routes: opts.routes?.(services, deps),
      healthWarnings: opts.healthWarnings?.(services, deps),
      postRoutes: opts.postRoutes?.(services, deps),
      metrics,
      maxBodyBytes: opts.maxBodyBytes,
      metricsToken: env.METRICS_TOKEN,
      platformId: env.PLATFORM_ID,
      readiness: callees.length
        ? [serviceTokenReadiness(callees, serviceTokenSource(opts.name, auth, env.SERVICE_TOKEN))]
        : [],
    });
    return {
      ...server,
      ...deps,
      services,
      async shutdown() {
        await server.stop();
        await anchoring?.stop();
        subjectChanges!.stop();
        await cache!.close();
        await shared!.close();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    await anchoring?.stop();
    await cache?.close();
    await shared?.close();
    await dataSource.destroy();
    throw err;
  }
}

async function checkServiceToken(token: string, verify: TokenVerifier): Promise<void> {
  let problem: string | undefined;
  try {
    const principal = await verify(token);
    if (principal.role !== 'SERVICE') problem = `is a ${principal.role} token, not a SERVICE token`;
  } catch (err) {
    problem = `is not accepted by this platform's token keys (${(err as Error).message})`;
  }
  if (problem) throw new ConfigError([`SERVICE_TOKEN: ${problem}`]);
}

/** main.ts of every service: exit 1 with a readable message instead of a stack on bad config. */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${name}: failed to start: ${message}\n`);
    process.exit(1);
  });
}

/**
 * main.ts of every subgraph after its app is built: listen, log where, and on SIGINT/SIGTERM
 * stop accepting, drain, close the database and cache, exit.
 */
export async function serveSubgraph(
  app: BootedSubgraph<unknown>,
  port: number,
  details: Record<string, unknown> = {},
): Promise<void> {
  const bound = await listen(app.http, port, app.env.HOST);
  app.logger.info(
    { host: app.env.HOST, port: bound, db: app.dataSource.options.type, cache: app.cache.kind, ...details },
    'subgraph listening',
  );
  const stop = async () => {
    await closeServer(app.http);
    await app.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

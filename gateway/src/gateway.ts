import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  authConfigFromEnv,
  authenticate,
  cacheTarget,
  baseContext,
  createErrorFormatter,
  createHttpApp,
  createTokenVerifier,
  ErrorCode,
  openCache,
  requestLogPlugin,
  ServiceMetrics,
  SubjectChanges,
  type Cache,
  type Logger,
  type RequestInfo,
} from '@credit/shared';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from './context';
import type { GatewayEnv } from './env';
import { HISTORY_POLICY } from './cache/cachePolicy';
import { responseCachePlugin } from './cache/responseCache';
import { operationLimitsPlugin } from './limits/operationLimits';
import { batchBudgetPlugin } from './limits/batchBudget';
import { RateLimiter } from './limits/rateLimiter';
import { loadSafelist, PersistedQueryStore, safelistPlugin } from './persisted/persistedQueries';
import { assessmentRoutes } from './proxy/assessmentRoutes';
import { reportRoutes } from './proxy/reportRoutes';
import { guideRoutes } from './proxy/guideRoutes';
import { importRoutes } from './proxy/importRoutes';
import { anonymousAccessPlugin, publicRootFields } from './access/anonymousAccess';
import { introspectionAccessPlugin } from './access/introspectionAccess';
import { schemaRoute } from './access/schemaRoute';
import { hideInternals, operationNamePlugin, unsupportedOperationPlugin } from './errors/requestErrors';
import { suggestionsPlugin } from './errors/suggestions';
import { ForwardingDataSource } from './subgraphs/forwardingDataSource';
import { oneHop, type OneHop } from './subgraphs/oneHop';
import { consoleRoutes, DEFAULT_CONSOLE_DIR } from './console/consoleRoutes';
import { demoSignInRoutes } from './console/demoSignIn';

export interface GatewayApp {
  http: Server;
  apollo: ApolloServer<GatewayContext>;
  cache: Cache;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  env: GatewayEnv;
  supergraphSdl: string;
  logger: Logger;
  /** Subgraph name -> URL, replacing the routing URLs of the supergraph. */
  routing?: Record<string, string>;
  /** Where the console's build output is (default: console/dist of this checkout). */
  consoleDir?: string;
}

async function subgraphReady(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The gateway: authenticates and rate-limits before GraphQL, refuses oversized operations before
 * planning, plans over the static supergraph and forwards identity to the subgraphs.
 */
export async function createGateway(opts: GatewayOptions): Promise<GatewayApp> {
  const { env, logger } = opts;
  const production = env.NODE_ENV === 'production';
  const metrics = new ServiceMetrics('gateway');
  const cache = metrics.instrumentCache(
    await openCache({
      ...cacheTarget(env),
      namespace: `${env.CACHE_PREFIX}:gateway`,
      maxEntries: env.CACHE_MAX_ENTRIES,
    }),
  );
  const shared = await openCache({
    ...cacheTarget(env),
    namespace: `${env.CACHE_PREFIX}:shared`,
    maxEntries: env.CACHE_MAX_ENTRIES,
  });
  const responseCaching = env.RESPONSE_CACHE === 'on' || (env.RESPONSE_CACHE === 'auto' && shared.kind === 'redis');
  const urls = new Map<string, string>();
  const dataSources: ForwardingDataSource[] = [];
  let hop: OneHop | undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    experimental_didResolveQueryPlan:
      env.GATEWAY_ONE_HOP === 'on' ? (info) => hop?.didResolveQueryPlan(info) : undefined,
    buildService: ({ name, url }) => {
      const target = opts.routing?.[name] ?? url!;
      urls.set(name, target);
      const source = new ForwardingDataSource(name, target, env.SUBGRAPH_TIMEOUT_MS, metrics);
      dataSources.push(source);
      return source;
    },
  });
  if (env.GATEWAY_ONE_HOP === 'on') {
    const h = (hop = oneHop(gateway, metrics));
    // Apollo Server takes the executor from load(): single-fetch operations skip the plan walk.
    const load = gateway.load.bind(gateway);
    gateway.load = async (options) => {
      const loaded = await load(options);
      return { ...loaded, executor: h.wrap(loaded.executor) };
    };
  }
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
    hop?.forget();
  });
  const formatError = createErrorFormatter({
    exposeInternals: !production,
    onInternal: (err) => logger.error({ err }, 'internal error'),
  });
  const localCounters =
    cache.kind === 'redis'
      ? await openCache({ namespace: `${env.CACHE_PREFIX}:gateway-local`, maxEntries: env.CACHE_MAX_ENTRIES })
      : undefined;
  const limiter = new RateLimiter(
    cache,
    {
      perPrincipal: env.RATE_LIMIT_PER_PRINCIPAL,
      perAnonymousIp: env.RATE_LIMIT_ANONYMOUS_PER_IP,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    },
    localCounters,
  );
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: !production,
    // Introspection is decided per caller (introspectionAccessPlugin): tools with a token may, in production too.
    introspection: true,
    csrfPrevention: true,
    parseOptions: { maxTokens: env.MAX_TOKENS },
    persistedQueries: { cache: new PersistedQueryStore(cache, env.APQ_TTL_SECONDS), ttl: env.APQ_TTL_SECONDS },
    formatError: (formatted, err) => formatError(hideInternals(formatted), err),
    plugins: [
      requestLogPlugin(logger),
      metrics.plugin<GatewayContext>(),
      operationNamePlugin(),
      unsupportedOperationPlugin(),
      suggestionsPlugin(),
      introspectionAccessPlugin(!production),
      anonymousAccessPlugin(publicRootFields(opts.supergraphSdl)),
      operationLimitsPlugin({
        maxDepth: env.MAX_DEPTH,
        maxAliases: env.MAX_ALIASES,
        maxRootFields: env.MAX_ROOT_FIELDS,
        maxCost: env.MAX_COST,
        defaultListSize: env.DEFAULT_LIST_SIZE,
      }),
      batchBudgetPlugin(limiter),
      ...(env.SAFELIST_FILE ? [safelistPlugin(loadSafelist(env.SAFELIST_FILE))] : []),
      ...(responseCaching
        ? [
            responseCachePlugin({
              cache,
              changes: new SubjectChanges(shared),
              ttlSeconds: env.RESPONSE_CACHE_TTL_SECONDS,
              policy: HISTORY_POLICY,
            }),
          ]
        : []),
      // Apollo's landing page loads its IDE from a CDN (a blank page offline): /graphiql is bundled instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  const consoleDir = opts.consoleDir ?? DEFAULT_CONSOLE_DIR;
  if (!existsSync(join(consoleDir, 'index.html')))
    logger.warn({ consoleDir }, 'web console not built (run pnpm build): / explains it, GraphQL is unaffected');
  const auth = authConfigFromEnv(env);
  const verify = createTokenVerifier(auth);
  // Demo sign-in exists only outside production and with the embedded secret: never a route in production.
  const demo = !production && auth.secret ? demoSignInRoutes(auth) : { get: {}, post: {} };
  // Report pages, PDFs, guides and the assessment export spend the same budget as GraphQL (verifyReport): one
  // per anonymous IP, or the principal's when a valid token comes along.
  const throttle = async (info: RequestInfo) => {
    const principal = await authenticate(info, verify).catch(() => undefined);
    return limiter.check(principal, info.ip);
  };
  const schemaFile = schemaRoute({
    apiSchema: () => apiSchema,
    anonymousAllowed: !production,
    verify,
    throttle: (info, principal) => limiter.check(principal, info.ip),
  });
  const imports = importRoutes(opts.routing?.records ?? env.RECORDS_URL ?? urls.get('records'), {
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    maxBytes: env.IMPORT_MAX_BYTES,
    verify,
    throttle,
  });
  const http = createHttpApp<GatewayContext>({
    apollo,
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    metrics: () => metrics.registry.metrics(),
    metricsAccess: { token: env.METRICS_TOKEN, production },
    routes: {
      ...consoleRoutes(consoleDir),
      ...demo.get,
      ...schemaFile,
      ...reportRoutes(opts.routing?.reports ?? env.REPORTS_URL, env.SUBGRAPH_TIMEOUT_MS, throttle),
      ...guideRoutes(opts.routing?.entities ?? env.ENTITIES_URL, env.SUBGRAPH_TIMEOUT_MS, throttle),
      ...assessmentRoutes(
        opts.routing?.objections ?? env.OBJECTIONS_URL ?? urls.get('objections'),
        env.SUBGRAPH_TIMEOUT_MS,
        throttle,
      ),
      ...imports.get,
    },
    postRoutes: { ...demo.post, ...imports.post },
    preflight: async (info) => {
      try {
        info.principal = await authenticate(info, verify);
        info.authenticated = true;
      } catch (err) {
        const e = err as GraphQLError;
        return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: e.message };
      }
      return limiter.check(info.principal, info.ip);
    },
    context: async (info) => {
      const base = await baseContext(info, verify, logger);
      const header = info.headers.authorization;
      return { ...base, authorization: Array.isArray(header) ? header[0] : header, ip: info.ip };
    },
    readiness: [
      {
        name: 'subgraphs',
        check: async () => (await Promise.all([...urls.values()].map((u) => subgraphReady(u, 2000)))).every(Boolean),
      },
      // Without the cache the gateway serves on: local rate limits, no response cache, no APQ.
      { name: 'cache', check: () => cache.ping(), optional: true },
    ],
  });
  return {
    http,
    apollo,
    cache,
    metrics,
    async stop() {
      await apollo.stop();
      await Promise.all(dataSources.map((d) => d.close()));
      await cache.close();
      await shared.close();
      await localCounters?.close();
    },
  };
}

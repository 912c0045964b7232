import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Cache } from '../cache/cache';
import type { TokenVerifier } from '../auth/jwt';
import { pingDatabase } from '../db/database';
import { createErrorFormatter } from '../errors/errors';
import type { Logger } from '../logging/logger';
import { baseContext, type ServiceContext } from './context';
import { authenticate } from './context';
import {
  createHttpApp,
  type HealthWarning,
  type ReadinessCheck,
  type RequestInfo,
  type RouteHandler,
} from './httpServer';
import { SERVICE_TOKEN_CHECK_PATH } from './serviceClient';
import { PLATFORM_IDENTITY_PATH } from './platformCheck';
import { platformIdentity } from '../db/platformIdentity';
import type { ServerResponse } from 'node:http';
import { ServiceMetrics } from '../metrics/metrics';
import type { GraphQLExecution } from '../config/env';
import { compiledExecution } from './compiledExecution';

export interface SubgraphServerOptions<C extends ServiceContext> {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  cache: Cache;
  verifyToken: TokenVerifier;
  logger: Logger;
  production: boolean;
  /** `x-sql-statements` on every answer, from a per-request scope that costs every request: tests only. */
  exposeSqlCount?: boolean;
  /** Adds the subgraph's per-request state (fresh DataLoaders) to the base context. */
  extendContext: (base: ServiceContext) => C | Promise<C>;
  routes?: Record<string, RouteHandler>;
  /** POST routes by exact path outside GraphQL (an upload streamed through by the gateway). */
  postRoutes?: Record<string, RouteHandler>;
  metrics?: ServiceMetrics;
  maxBodyBytes?: number;
  /** `compiled` runs operations as graphql-jit code (the default), `interpreted` as graphql-js does. */
  execution?: GraphQLExecution;
  /** Checks beyond the database and the cache (e.g. that callees accept our SERVICE token). */
  readiness?: ReadinessCheck[];
  healthWarnings?: HealthWarning[];
  /** Bearer token /metrics requires (production without one does not serve /metrics). */
  metricsToken?: string;
  /** PLATFORM_ID: the platform's name when set (see platformIdentity). */
  platformId?: string;
}

export interface SubgraphServer {
  http: Server;
  schema: GraphQLSchema;
  apollo: ApolloServer<ServiceContext>;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/** One request line per operation, with the id that the gateway forwarded. */
export function requestLogPlugin(log: Logger): ApolloServerPlugin<ServiceContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          (contextValue?.log ?? log).info(
            { op: operationName ?? undefined, ms: Math.round(ms * 10) / 10, errors: codes },
            'graphql',
          );
        },
      };
    },
  };
}

/** Schema + context -> a ready (not listening) HTTP server with health probes. */
export async function createSubgraphServer<C extends ServiceContext>(
  opts: SubgraphServerOptions<C>,
): Promise<SubgraphServer> {
  const metrics = opts.metrics ?? new ServiceMetrics(opts.name);
  metrics.watchPool(opts.dataSource);
  const apollo = new ApolloServer<ServiceContext>({
    ...((opts.execution ?? 'compiled') === 'compiled'
      ? { gateway: compiledExecution(opts.schema) }
      : { schema: opts.schema }),
    includeStacktraceInErrorResponses: !opts.production,
    formatError: createErrorFormatter({
      exposeInternals: !opts.production,
      onInternal: (err) => opts.logger.error({ err }, 'internal error'),
    }),
    // Inline traces are for Apollo Studio, which this platform does not use; they cost time per field.
    // No cache hints are used anywhere (the gateway's response cache has its own policy), and their
    // per-field hook was a visible share of completing the internal record lists for issuance.
    plugins: [
      requestLogPlugin(opts.logger),
      metrics.plugin<ServiceContext>(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  const http = createHttpApp<ServiceContext>({
    apollo,
    logger: opts.logger,
    exposeSqlCount: opts.exposeSqlCount ?? false,
    // Clients reach a subgraph only through the gateway, which says who they are (CLIENT_IP_HEADER).
    behindGateway: true,
    context: async (info) => {
      const base = await baseContext(info, opts.verifyToken, opts.logger);
      base.service = opts.name;
      base.dataSource = opts.dataSource;
      return opts.extendContext(base);
    },
    readiness: [
      { name: 'database', check: () => pingDatabase(opts.dataSource) },
      // Subject-change bumps owed during a cache outage are retried (SubjectChanges): serve on.
      { name: 'cache', check: () => opts.cache.ping(), optional: true },
      ...(opts.readiness ?? []),
    ],
    healthWarnings: opts.healthWarnings,
    routes: {
      ...opts.routes,
      [SERVICE_TOKEN_CHECK_PATH]: (_req, res, info) => answerServiceTokenCheck(res, info, opts.verifyToken),
      [PLATFORM_IDENTITY_PATH]: (_req, res, info) => answerPlatformIdentity(res, info, opts),
    },
    postRoutes: opts.postRoutes,
    maxBodyBytes: opts.maxBodyBytes,
    metrics: () => metrics.registry.metrics(),
    metricsAccess: { token: opts.metricsToken, production: opts.production },
  });
  return {
    http,
    schema: opts.schema,
    apollo,
    metrics,
    async stop() {
      await apollo.stop();
    },
  };
}

/**
 * Tells a SERVICE caller (a command about to write this platform's data) which platform this
 * service's database belongs to, so that it can refuse a service of another platform.
 */
async function answerPlatformIdentity(
  res: ServerResponse,
  info: RequestInfo,
  opts: Pick<SubgraphServerOptions<ServiceContext>, 'name' | 'dataSource' | 'verifyToken' | 'platformId'>,
): Promise<void> {
  const principal = await authenticate(info, opts.verifyToken).catch(() => undefined);
  if (principal?.role !== 'SERVICE') {
    res.writeHead(principal === undefined ? 401 : 403, { 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const platform = await platformIdentity(opts.dataSource, opts.name, opts.platformId);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ service: opts.name, platform }));
}

/** Lets a calling service's readiness probe learn whether this service accepts its SERVICE token. */
async function answerServiceTokenCheck(res: ServerResponse, info: RequestInfo, verify: TokenVerifier): Promise<void> {
  let status: number;
  try {
    const principal = await authenticate(info, verify);
    status = principal === undefined ? 401 : principal.role === 'SERVICE' ? 204 : 403;
  } catch {
    status = 401;
  }
  res.writeHead(status, { 'cache-control': 'no-store' });
  res.end();
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { isLostDatabaseConnection } from '../errors/errors';
import type { Logger } from '../logging/logger';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/logger';
import { executeGraphQL } from './http/apolloBridge';
import { readGraphQLBody } from './http/body';
import { applyCors } from './http/cors';
import { live, ready, type HealthWarning, type ReadinessCheck } from './http/health';
import { serveMetrics, type MetricsAccess } from './http/metrics';
import { requestError } from './http/responses';

export type { HealthWarning, ReadinessCheck } from './http/health';
export type { MetricsAccess } from './http/metrics';
export { requestError } from './http/responses';
export { decodePath } from './http/pathSegment';

export interface RequestInfo {
  requestId: string;
  headers: IncomingMessage['headers'];
  ip: string;
  /** Set by a `preflight` hook that already verified the token, so the context does not redo it. */
  principal?: import('../auth/principal').Principal;
  authenticated?: boolean;
}

/** A refusal decided before GraphQL execution (rate limits, bad tokens): sent as a GraphQL error body. */
export interface Rejection {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => Promise<void> | void;

export interface HttpAppOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED). */
  context: (info: RequestInfo) => Promise<C>;
  logger: Logger;
  readiness: ReadinessCheck[];
  /** Shown on /health/ready without changing its status. */
  healthWarnings?: HealthWarning[];
  /** Extra GET routes by exact path (PDFs, verification page, well-known keys...). */
  routes?: Record<string, RouteHandler>;
  /** POST routes by exact path outside GraphQL (the console's demo sign-in); their handlers read the body. */
  postRoutes?: Record<string, RouteHandler>;
  maxBodyBytes?: number;
  /** Adds `x-sql-statements` to responses (statement-count tests read it); only under NODE_ENV=test. */
  exposeSqlCount?: boolean;
  /** Runs before GraphQL on every /graphql request; a returned rejection ends the request. */
  preflight?: (info: RequestInfo) => Promise<Rejection | undefined>;
  /** Allowed browser origins; empty = no CORS headers (same-origin only). `*` allows any. */
  corsOrigins?: string[];
  /** Prometheus text for GET /metrics. */
  metrics?: () => Promise<string>;
  /**
   * Who may read /metrics: with a token, only `Authorization: Bearer <token>`; without one, anybody
   * outside production and nobody in production (numbers about traffic are not public).
   */
  metricsAccess?: MetricsAccess;
  /** X-Forwarded-For is trusted only behind a known load balancer (the gateway's `TRUST_PROXY`). */
  trustProxy?: boolean;
  /**
   * A subgraph behind the gateway: the client's address is the one the gateway put in
   * CLIENT_IP_HEADER (subgraphs are reached only by the gateway and each other, never by clients).
   */
  behindGateway?: boolean;
}

/**
 * The header in which the gateway tells a subgraph the client's address. The gateway builds every
 * forwarded request's headers itself, so whatever a client sends under this name never gets through.
 */
export const CLIENT_IP_HEADER = 'x-credit-client-ip';

/**
 * Who sent the request. Behind a load balancer, the last X-Forwarded-For entry is the one the
 * balancer appended (the address it saw); every entry before it is whatever the client wrote, so
 * taking the first would let a client pick its own address, and with it a fresh rate budget and
 * verification count per request. Behind the gateway, the gateway's word; otherwise the socket's peer.
 */
export function clientIp(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  opts: { trustProxy?: boolean; behindGateway?: boolean },
): string {
  const peer = req.socket.remoteAddress ?? '';
  if (opts.behindGateway) {
    const told = req.headers[CLIENT_IP_HEADER];
    return typeof told === 'string' && told.trim() ? told.trim() : peer;
  }
  const forwarded = req.headers['x-forwarded-for'];
  if (opts.trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').at(-1)!.trim();
    if (last) return last;
  }
  return peer;
}

/**
 * A small node:http front for Apollo Server: routes each request to CORS, health, metrics, the
 * extra routes or GraphQL (body parsing, then the Apollo bridge), each in its own module under http/.
 * Built without listening so that tests can bind port 0 and main.ts decides where to listen.
 */
export function createHttpApp<C extends BaseContext>(opts: HttpAppOptions<C>): Server {
  const maxBody = opts.maxBodyBytes ?? 1_000_000;
  const routes = opts.routes ?? {};
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info: RequestInfo = { requestId, headers: req.headers, ip: clientIp(req, opts) };
    if (applyCors(req, res, opts.corsOrigins ?? [])) return;
    if (url.pathname === '/health/live') return live(res);
    if (url.pathname === '/metrics' && opts.metrics) {
      return serveMetrics(req, res, opts.metrics, opts.metricsAccess, requestId);
    }
    if (url.pathname === '/health/ready') return ready(res, opts.readiness, opts.healthWarnings);
    const route =
      routes[url.pathname] ??
      Object.entries(routes).find(([p]) => p.endsWith('*') && url.pathname.startsWith(p.slice(0, -1)))?.[1];
    if (route && req.method === 'GET') return route(req, res, info);
    const postRoute = opts.postRoutes?.[url.pathname];
    if (postRoute && req.method === 'POST') return postRoute(req, res, info);
    if (url.pathname !== '/graphql') return requestError(res, 404, 'NOT_FOUND', `no route ${url.pathname}`, requestId);
    if (opts.preflight) {
      const rejection = await opts.preflight(info);
      if (rejection) {
        return requestError(
          res,
          rejection.status,
          rejection.code,
          rejection.message,
          requestId,
          rejection.headers,
          rejection.extensions,
        );
      }
    }
    const read = await readGraphQLBody(req, res, maxBody, requestId);
    if ('answered' in read) return;
    await executeGraphQL(req, res, url, read.body, {
      apollo: opts.apollo,
      context: () => opts.context(info),
      requestId,
      exposeSqlCount: opts.exposeSqlCount,
    });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      opts.logger.error({ err }, 'unhandled request error');
      if (res.headersSent) return void res.end();
      // A route's statement on a database that is down or restarting: as GraphQL answers it (errors.ts).
      if (isLostDatabaseConnection(err))
        return requestError(
          res,
          503,
          'SERVICE_UNAVAILABLE',
          'the database connection was interrupted; nothing of this request was committed, send it again',
          requestIdFrom(req.headers[REQUEST_ID_HEADER]),
          { 'retry-after': '1' },
          { retryable: true },
        );
      requestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', '');
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

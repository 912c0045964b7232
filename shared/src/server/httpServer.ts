import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '../logging/logger';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/logger';
import { sqlStatements } from '../db/statementCounter';

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

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
  /** The service still serves without it (e.g. the cache): down means `degraded`, still HTTP 200. */
  optional?: boolean;
}

export interface HttpAppOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED). */
  context: (info: RequestInfo) => Promise<C>;
  logger: Logger;
  readiness: ReadinessCheck[];
  /** Extra GET routes by exact path (PDFs, verification page, well-known keys...). */
  routes?: Record<string, RouteHandler>;
  maxBodyBytes?: number;
  /** Adds `x-sql-statements` to responses (benchmarks read it); off in production. */
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
  metricsAccess?: { token?: string; production: boolean };
  /** X-Forwarded-For is trusted only behind a known load balancer. */
  trustProxy?: boolean;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

export const requestError = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
) =>
  json(
    res,
    status,
    { errors: [{ message, extensions: { code, ...extensions } }] },
    { [REQUEST_ID_HEADER]: requestId, ...headers },
  );

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0].trim();
  return req.socket.remoteAddress ?? '';
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        // Answer 413 and drop the rest unread (the response closes the connection): destroying
        // the request here would reset the connection before the client reads the answer.
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A small node:http front for Apollo Server: GraphQL at /graphql, health probes, extra routes.
 * Built without listening so that tests can bind port 0 and main.ts decides where to listen.
 */
export function createHttpApp<C extends BaseContext>(opts: HttpAppOptions<C>): Server {
  const maxBody = opts.maxBodyBytes ?? 1_000_000;
  const routes = opts.routes ?? {};
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info: RequestInfo = { requestId, headers: req.headers, ip: clientIp(req, opts.trustProxy ?? false) };
    const cors = corsHeaders(req.headers.origin, opts.corsOrigins ?? []);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers':
          'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (url.pathname === '/health/live') return json(res, 200, { status: 'ok' });
    if (url.pathname === '/metrics' && opts.metrics) {
      const refusal = metricsRefusal(req.headers.authorization, opts.metricsAccess);
      if (refusal) return requestError(res, refusal.status, refusal.code, refusal.message, requestId);
      const text = await opts.metrics();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return res.end(text);
    }
    if (url.pathname === '/health/ready') {
      const results = await Promise.all(
        opts.readiness.map(async (r) => [r.name, await r.check().catch(() => false)] as const),
      );
      const ok = results.every(([name, up]) => up || opts.readiness.find((r) => r.name === name)?.optional);
      const degraded = ok && results.some(([, up]) => !up);
      return json(res, ok ? 200 : 503, {
        status: ok ? (degraded ? 'degraded' : 'ready') : 'not ready',
        checks: Object.fromEntries(results.map(([n, up]) => [n, up ? 'up' : 'down'])),
      });
    }
    const route =
      routes[url.pathname] ??
      Object.entries(routes).find(([p]) => p.endsWith('*') && url.pathname.startsWith(p.slice(0, -1)))?.[1];
    if (route && req.method === 'GET') return route(req, res, info);
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

    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBody);
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          return requestError(res, 413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${maxBody} bytes`, requestId, {
            connection: 'close',
          });
        }
        throw err;
      }
      const type = String(req.headers['content-type'] ?? '');
      if (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) {
        try {
          body = JSON.parse(text);
        } catch {
          return requestError(res, 400, 'BAD_REQUEST', 'request body is not valid JSON', requestId);
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const result = await sqlStatements.track(async () => {
      const r = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => opts.context(info),
      });
      return { r, statements: sqlStatements.current() };
    });
    const { r } = result;
    const outHeaders: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    for (const [k, v] of r.headers) outHeaders[k] = v;
    if (opts.exposeSqlCount) outHeaders['x-sql-statements'] = String(result.statements);
    if (r.body.kind === 'complete') {
      outHeaders['content-length'] = String(Buffer.byteLength(r.body.string));
      res.writeHead(r.status ?? 200, outHeaders);
      res.end(r.body.string);
    } else {
      res.writeHead(r.status ?? 200, outHeaders);
      for await (const chunk of r.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      opts.logger.error({ err }, 'unhandled request error');
      if (!res.headersSent) requestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', '');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

function metricsRefusal(
  authorization: string | undefined,
  access: HttpAppOptions<BaseContext>['metricsAccess'],
): { status: number; code: string; message: string } | undefined {
  if (!access) return undefined;
  if (!access.token) {
    return access.production
      ? { status: 403, code: 'FORBIDDEN', message: '/metrics is served in production only with METRICS_TOKEN set' }
      : undefined;
  }
  const presented = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(access.token);
  if (presented.length === expected.length && timingSafeEqual(presented, expected)) return undefined;
  return { status: 401, code: 'UNAUTHENTICATED', message: '/metrics needs "Authorization: Bearer <METRICS_TOKEN>"' };
}

function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || allowed.length === 0) return {};
  if (allowed.includes('*')) return { 'access-control-allow-origin': '*' };
  if (!allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'origin', 'access-control-allow-credentials': 'true' };
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

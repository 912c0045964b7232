import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  CLIENT_IP_HEADER,
  domainError,
  ErrorCode,
  keepAlivePool,
  REQUEST_ID_HEADER,
  type ServiceMetrics,
} from '@credit/shared';
import type { GatewayContext } from '../context';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
interface CachePolicyLike {
  restrict?: (hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void;
}

interface RequestInitLike {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The gateway sends `{"query":"<operation>",…}`; only read operations may be shared. */
const isQuery = (body: string | undefined): body is string =>
  body !== undefined && /^\{"query":"\s*(query\b|\{)/.test(body);

/** Everything that identifies the caller to the subgraph (the token above all), not the request id. */
const callerKey = (headers: Record<string, string>): string =>
  Object.entries(headers)
    .filter(([k]) => k !== REQUEST_ID_HEADER)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}:${v}`)
    .join('\n');

/** `Cache-Control: max-age=N, public|private` as a cache hint; none means max-age 0. */
function cacheHintOf(header: string | null): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const maxAge = /(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header ?? '');
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: maxAge ? Number(maxAge[1]) : 0 };
  if (/(?:^|,)\s*private\s*(?:,|$)/.test(header ?? '')) hint.scope = 'PRIVATE';
  if (/(?:^|,)\s*public\s*(?:,|$)/.test(header ?? '')) hint.scope = 'PUBLIC';
  return hint;
}

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function isGraphQLErrorBody(text: string): boolean {
  if (!text.startsWith('{')) return false;
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    return Array.isArray(body.errors) && body.errors.length > 0;
  } catch {
    return false;
  }
}

/** A subgraph that cannot be reached or answers no GraphQL: named, coded, no address or body. */
const unavailable = (message: string) => domainError(ErrorCode.SERVICE_UNAVAILABLE, message, { retryable: true });

/**
 * The part of a fetch Response that `process` and the executor read (whether it is an answer, its
 * status, headers for cache hints), made from an undici `request` answer.
 */
function responseOf(statusCode: number, headers: Record<string, string | string[] | undefined>, text: string) {
  // A subgraph answers a refused operation (401, 413, 429…) with a GraphQL body whose errors carry
  // their codes: treat it as an answer, so the codes reach the client and the gateway never wraps
  // the raw HTTP response (with the subgraph's URL) into an error of its own.
  const ok = (statusCode >= 200 && statusCode < 300) || isGraphQLErrorBody(text);
  return {
    ok,
    status: statusCode,
    headers: {
      get: (name: string) => {
        const v = headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
  };
}

/**
 * Each subgraph call: the caller's token (subgraphs verify it again), the request id, the client's
 * address as the gateway found it (CLIENT_IP_HEADER), a time-out, and a latency observation, over a
 * kept-alive pool per subgraph (fetch was a fifth of the gateway's CPU time per forwarded operation).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly pool: ReturnType<typeof keepAlivePool>['pool'];

  constructor(name: string, url: string, timeoutMs: number, metrics: ServiceMetrics) {
    const { pool, path } = keepAlivePool(url);
    const send = async (init: RequestInitLike): Promise<Answer> => {
      const started = process.hrtime.bigint();
      let outcome = 'ok';
      try {
        const res = await pool.request({
          path,
          method: (init.method ?? 'POST') as 'POST',
          headers: init.headers,
          body: init.body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        outcome = TIMEOUTS.has(code) ? 'timeout' : 'error';
        if (outcome === 'timeout') throw unavailable(`subgraph ${name} did not answer within ${timeoutMs} ms`);
        throw unavailable(`subgraph ${name} is unreachable`);
      } finally {
        metrics.subgraphLatency.observe({ subgraph: name, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
    // Identical queries in flight at once, for the same caller, share one subgraph call (as Hive
    // Gateway does by default): fifty dashboards asking for the same list cost one. Mutations never,
    // and anonymous callers never: two people verifying a report are two reads for the audit log.
    const inflight = new Map<string, Promise<Answer>>();
    const forward = (body: string, headers: Record<string, string>): Promise<Answer> => {
      const key = isQuery(body) && headers.authorization ? `${callerKey(headers)}\u0000${body}` : null;
      let answer = key === null ? undefined : inflight.get(key);
      if (!answer) {
        answer = send({ method: 'POST', headers, body });
        if (key !== null) {
          inflight.set(key, answer);
          void answer.then(
            () => inflight.delete(key),
            () => inflight.delete(key),
          );
        }
      }
      return answer;
    };
    super({ url });
    this.forward = forward;
    this.pool = pool;
    this.subgraphName = name;
  }
  private readonly subgraphName: string;
  private readonly forward: (body: string, headers: Record<string, string>) => Promise<Answer>;

  /**
   * The subgraph call, without RemoteGraphQLDataSource's fetch emulation (a node-fetch Request and
   * Headers per call, URL parsing included, about a twentieth of the gateway's CPU per call): the
   * caller's token (subgraphs verify it again) and the request id go as plain headers.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context && 'requestId' in context) {
      if (context.authorization) headers.authorization = context.authorization;
      headers[REQUEST_ID_HEADER] = context.requestId;
      // Set here, never copied from the client's headers: a client cannot name its own address.
      if (context.clientIp) headers[CLIENT_IP_HEADER] = context.clientIp;
    }
    const { http: _http, query, ...rest } = request;
    const a = await this.forward(JSON.stringify({ query, ...rest }), headers);
    const response = responseOf(a.status, a.headers, a.text);
    if (!response.ok) throw await this.errorFromResponse(response);
    let body: unknown;
    try {
      body = JSON.parse(a.text);
    } catch {
      body = undefined;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw unavailable(`subgraph ${this.subgraphName} answered no GraphQL`);
    // As RemoteGraphQLDataSource does: the subgraph's cache hint bounds the operation's.
    const incoming = options as { incomingRequestContext?: { overallCachePolicy?: CachePolicyLike } };
    incoming.incomingRequestContext?.overallCachePolicy?.restrict?.(cacheHintOf(response.headers.get('cache-control')));
    return { ...(body as GatewayGraphQLResponse), http: response as never };
  }

  /** A non-GraphQL answer (a proxy's 502 page…): coded, without the URL or the body it came with. */
  override async errorFromResponse(response: { status: number }) {
    return unavailable(`subgraph ${this.subgraphName} answered HTTP ${response.status}`);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

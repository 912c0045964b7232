import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { signEmbeddedToken, type AuthConfig } from '../auth/jwt';
import { REQUEST_ID_HEADER } from '../logging/logger';
import { keepAlivePool } from './keepAlivePool';

export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

export interface ServiceClientOptions {
  /** The owning subgraph's /graphql URL (called directly, not through the gateway). */
  url: string;
  /** Calling service's name, carried in the SERVICE token. */
  service: string;
  auth: AuthConfig;
  /** A pre-issued SERVICE token (production); otherwise one is minted from the embedded secret. */
  token?: string;
  timeoutMs?: number;
}

// Each generated document is printed once, on its first call.
const printed = new WeakMap<DocumentNode, string>();
function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * The SERVICE token a service presents: the pre-issued one (production), or one minted from the
 * embedded secret and renewed before it expires.
 */
export function serviceTokenSource(service: string, auth: AuthConfig, preIssued?: string): () => Promise<string> {
  let cached: { token: string; until: number } | undefined;
  return async () => {
    const issued = preIssued ?? auth.serviceToken;
    if (issued) return issued;
    if (!auth.secret)
      throw new ServiceCallError('no SERVICE_TOKEN configured for calls between services', 'UNAUTHENTICATED', false);
    if (!cached || cached.until < Date.now()) {
      cached = {
        token: await signEmbeddedToken({ role: 'SERVICE', service }, auth, '10m'),
        until: Date.now() + 5 * 60_000,
      };
    }
    return cached.token;
  };
}

/** Path every subgraph answers 204 on when the bearer is a SERVICE token it accepts (401/403 otherwise). */
export const SERVICE_TOKEN_CHECK_PATH = '/health/service-token';

/**
 * Whether the subgraph at `url` accepts our SERVICE token: true or false, or undefined when it
 * cannot tell (unreachable, starting, an older build) — its outage is its own readiness, not ours.
 */
export async function calleeAcceptsToken(url: string, token: string, timeoutMs = 2000): Promise<boolean | undefined> {
  try {
    const res = await fetch(new URL(SERVICE_TOKEN_CHECK_PATH, url), {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    if (res.status === 204) return true;
    if (res.status === 401 || res.status === 403) return false;
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Readiness of a service that calls others: not ready while the first callee that can tell refuses
 * our SERVICE token (otherwise every issuance or correction would fail behind a "ready" probe).
 * The answer is kept for `ttlMs` so that probes do not turn into a stream of calls.
 */
export function serviceTokenReadiness(
  callees: string[],
  token: () => Promise<string>,
  ttlMs = 10_000,
): { name: string; check: () => Promise<boolean> } {
  let last: { ok: boolean; at: number } | undefined;
  return {
    name: 'serviceToken',
    async check() {
      if (last && Date.now() - last.at < ttlMs) return last.ok;
      let ok = true;
      let presented: string;
      try {
        presented = await token();
      } catch {
        presented = '';
        ok = false;
      }
      if (ok) {
        for (const url of callees) {
          const accepted = await calleeAcceptsToken(url, presented);
          if (accepted === undefined) continue;
          ok = accepted;
          break;
        }
      }
      last = { ok, at: Date.now() };
      return ok;
    },
  };
}

/**
 * Calls another subgraph's internal API as a SERVICE principal. Internal fields are
 * `@inaccessible` in the supergraph, so they are reachable only this way. Operations are the typed
 * documents generated from the callee's schema (`shared/src/contracts/clients`): variables and
 * result are type-checked against it. Network failures and 5xx are marked retryable (outbox
 * workers retry them); GraphQL errors are not.
 */
export function createServiceClient(opts: ServiceClientOptions) {
  const { pool, path } = keepAlivePool(opts.url, 32);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const token = serviceTokenSource(opts.service, opts.auth, opts.token);
  return async function call<T, V>(document: TypedDocumentNode<T, V>, variables: V, requestId?: string): Promise<T> {
    const query = queryText(document);
    let status: number;
    let text: string;
    try {
      const res = await pool.request({
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await token()}`,
          ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new ServiceCallError(`${opts.url} unreachable: ${(err as Error).message}`, 'UNAVAILABLE', true);
    }
    if (status >= 500 && status !== 500)
      throw new ServiceCallError(`${opts.url} answered ${status}`, 'UNAVAILABLE', true);
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    if (body.errors?.length) {
      const e = body.errors[0];
      const code = e.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      // The callee says so when nothing was committed (its database fail-over, a write conflict): an
      // outbox row must then be sent again, not parked.
      throw new ServiceCallError(e.message, code, code === 'INTERNAL_SERVER_ERROR' || e.extensions?.retryable === true);
    }
    if (!body.data) throw new ServiceCallError(`${opts.url} answered ${status} without data`, 'UNAVAILABLE', true);
    return body.data;
  };
}
export type ServiceClient = ReturnType<typeof createServiceClient>;

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
 * Calls another subgraph's internal API as a SERVICE principal. Internal fields are
 * `@inaccessible` in the supergraph, so they are reachable only this way. Operations are the typed
 * documents generated from the callee's schema (`shared/src/contracts/clients`): variables and
 * result are type-checked against it. Network failures and 5xx are marked retryable (outbox
 * workers retry them); GraphQL errors are not.
 */
export function createServiceClient(opts: ServiceClientOptions) {
  const { pool, path } = keepAlivePool(opts.url, 32);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let cached: { token: string; until: number } | undefined;
  const token = async () => {
    const preIssued = opts.token ?? opts.auth.serviceToken;
    if (preIssued) return preIssued;
    if (!opts.auth.secret)
      throw new ServiceCallError('no SERVICE_TOKEN configured for calls between services', 'UNAUTHENTICATED', false);
    if (!cached || cached.until < Date.now()) {
      cached = {
        token: await signEmbeddedToken({ role: 'SERVICE', service: opts.service }, opts.auth, '10m'),
        until: Date.now() + 5 * 60_000,
      };
    }
    return cached.token;
  };
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
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    if (body.errors?.length) {
      const e = body.errors[0];
      const code = e.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      throw new ServiceCallError(e.message, code, code === 'INTERNAL_SERVER_ERROR');
    }
    if (!body.data) throw new ServiceCallError(`${opts.url} answered ${status} without data`, 'UNAVAILABLE', true);
    return body.data;
  };
}
export type ServiceClient = ReturnType<typeof createServiceClient>;

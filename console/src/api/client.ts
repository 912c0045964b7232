import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import { currentSession } from '../session/session';
import { CATALOGUE_FIELD_ZH, ERROR_CODE_ZH, RECORD_FIELD_ZH, term } from '../../../shared/src/contracts/terms';

/** A refusal from the API, with the code and offending field the platform puts in `extensions`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const client = new GraphQLClient(new URL('/graphql', location.origin).toString(), {
  // The session may change between calls (sign-in, sign-out): read it per request.
  requestMiddleware: (request) => {
    const s = currentSession();
    const headers = new Headers(request.headers as HeadersInit);
    if (s) headers.set('authorization', `Bearer ${s.token}`);
    return { ...request, headers };
  },
});

// Public pages file and follow as nobody, even in a tab where someone is signed in.
const anonymousClient = new GraphQLClient(new URL('/graphql', location.origin).toString());

/** Runs one typed operation; GraphQL errors become an ApiError naming code and field. */
export async function call<R, V extends Record<string, unknown>>(
  doc: TypedDocumentNode<R, V>,
  variables: V,
  opts: { anonymous?: boolean } = {},
): Promise<R> {
  try {
    return await (opts.anonymous ? anonymousClient : client).request<R>({ document: doc, variables } as never);
  } catch (err) {
    if (err instanceof ClientError) {
      const first = err.response.errors?.[0];
      const ext = (first?.extensions ?? {}) as { code?: string; field?: string };
      throw new ApiError(first?.message ?? `HTTP ${err.response.status}`, ext.code, ext.field);
    }
    throw new ApiError(err instanceof Error ? err.message : String(err));
  }
}

/** A refusal as a person reads it: the code's meaning and the field in Chinese first, the API's detail after. */
export const describeError = (e: unknown): string => {
  if (!(e instanceof ApiError) || !e.code) return `操作未成功：${e instanceof Error ? e.message : String(e)}`;
  const name = e.field
    ?.split('.')
    .pop()
    ?.replace(/\[\d+\]$/, '');
  const field = e.field ? `（${(name && (RECORD_FIELD_ZH[name] ?? CATALOGUE_FIELD_ZH[name])) || e.field}）` : '';
  // The API's detail starts with the field's path (`input.creditCode: …`), already named in Chinese.
  const detail = e.field && e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
  return `${term(ERROR_CODE_ZH, e.code)}${field}：${detail}`;
};

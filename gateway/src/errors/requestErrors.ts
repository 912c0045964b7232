import type { ApolloServerPlugin } from '@apollo/server';
import { domainError, ErrorCode } from '@credit/shared';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';

/**
 * No operation matches `operationName` (or several operations and no name): the client's
 * mistake, answered 400 before the gateway's executor turns it into an internal error.
 */
export function operationNamePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const name = request.operationName;
          throw domainError(
            ErrorCode.BAD_REQUEST,
            name
              ? `operationName: no operation named "${name}" in the document`
              : 'operationName: the document has several operations; name the one to run',
            { field: 'operationName' },
          );
        },
      };
    },
  };
}

/**
 * The API has no subscriptions (report changes reach subscribers as webhooks): a subscription
 * operation is the client's mistake, refused before the planner fails on it with an internal error.
 */
export function unsupportedOperationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw domainError(
            ErrorCode.OPERATION_NOT_SUPPORTED,
            'subscription operations are not supported; subscribe to report changes with Mutation.subscribeToReport (webhooks)',
            { field: 'query' },
          );
        },
      };
    },
  };
}

// Apollo Server raises this one without a code of its own (APQ: the hash sent is not the query's SHA-256).
const APQ_MISMATCH = 'provided sha does not match query';
// What the federation runtime attaches to a subgraph's error: its URL, raw response, the query.
const INTERNAL_EXTENSIONS = ['response', 'serviceName', 'query', 'variables', 'exception'];

/** Before the common formatter: give Apollo's uncoded request errors a code, drop internals. */
export function hideInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
  for (const k of INTERNAL_EXTENSIONS) delete extensions[k];
  // Apollo gives its uncoded errors INTERNAL_SERVER_ERROR before formatting.
  if ((!extensions.code || extensions.code === ErrorCode.INTERNAL_SERVER_ERROR) && formatted.message === APQ_MISMATCH) {
    extensions.code = ErrorCode.PERSISTED_QUERY_HASH_MISMATCH;
    return {
      ...formatted,
      message: 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query',
      extensions: { ...extensions, field: 'extensions.persistedQuery.sha256Hash' },
    };
  }
  return { ...formatted, extensions };
}

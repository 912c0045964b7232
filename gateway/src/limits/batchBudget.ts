import type { ApolloServerPlugin } from '@apollo/server';
import { domainError, ErrorCode } from '@credit/shared';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import type { RateLimiter } from './rateLimiter';

/** Root fields that take a list of items, each of which costs one unit of the caller's rate budget. */
export const BATCHED_ROOT_FIELDS: Record<string, string> = { verifyReports: 'items' };

/** How many items the operation's batched root fields carry (from literals or variables). */
export function batchedItems(operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  let items = 0;
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD) continue;
    const argName = BATCHED_ROOT_FIELDS[sel.name.value];
    const arg = argName && sel.arguments?.find((a) => a.name.value === argName);
    if (!arg) continue;
    const v = arg.value;
    if (v.kind === Kind.LIST) items += v.values.length;
    else if (v.kind === Kind.VARIABLE) {
      const value = variables[v.name.value];
      items += Array.isArray(value) ? value.length : 1;
    } else items += 1;
  }
  return items;
}

/**
 * The request already spent one unit at the door; a batch spends one more per further item, so a
 * hundred verifications in one call cost what a hundred calls would (anonymous per IP, else the
 * principal's budget).
 */
export function batchBudgetPlugin(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (!operation) return;
          const extra = batchedItems(operation, request.variables ?? {}) - 1;
          if (extra <= 0) return;
          const refused = await limiter.spend(contextValue.principal, contextValue.ip ?? 'unknown', extra);
          if (refused)
            throw domainError(ErrorCode.RATE_LIMITED, refused.message, { ...refused.extensions, field: 'items' });
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { domainError, ErrorCode } from '@credit/shared';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context';
import { costVariables, measureOperation, type OperationShape } from './measureOperation';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
  defaultListSize: number;
}

/**
 * Introspection is limited by its own depth: that of graphql-js's getIntrospectionQuery(), which
 * schema tools send (type references nested nine deep), and no deeper.
 */
export const MAX_INTROSPECTION_DEPTH = 15;

const CHECKS = [
  ['depth', 'maxDepth', ErrorCode.DEPTH_LIMIT_EXCEEDED, 'depth'],
  ['introspectionDepth', 'maxIntrospectionDepth', ErrorCode.DEPTH_LIMIT_EXCEEDED, 'introspection depth'],
  ['aliases', 'maxAliases', ErrorCode.ALIAS_LIMIT_EXCEEDED, 'aliases'],
  ['rootFields', 'maxRootFields', ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED, 'root fields'],
  ['cost', 'maxCost', ErrorCode.COST_LIMIT_EXCEEDED, 'estimated cost'],
] as const;

/**
 * Refuses an operation before any subgraph is called when it is deeper, more aliased, wider or
 * costlier than configured; the error names the limit, the measured value and the excess.
 */
export function operationLimitsPlugin(configured: OperationLimits): ApolloServerPlugin<GatewayContext> {
  const limits = { ...configured, maxIntrospectionDepth: MAX_INTROSPECTION_DEPTH };
  const costReads = new LRUCache<string, string[]>({ max: 2000 });
  const shapes = new LRUCache<string, OperationShape>({ max: 5000 });
  const exceedsAny = (shape: OperationShape) => CHECKS.some(([key, limitKey]) => shape[key] > limits[limitKey]);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, queryHash, operationName }) {
          if (!operation) return;
          // An operation's shape depends on its text and on the few variables its cost reads
          // (page sizes, @include/@skip): measured once per document and such values, not per request.
          const documentKey = `${queryHash}\n${operationName ?? ''}`;
          let reads = costReads.get(documentKey);
          if (!reads) costReads.set(documentKey, (reads = costVariables(document)));
          const key = reads.length
            ? `${documentKey}\n${JSON.stringify(reads.map((v) => request.variables?.[v] ?? null))}`
            : documentKey;
          let shape = shapes.get(key);
          // A remembered refusal is measured again: variables that do not coerce measure a cost of
          // 0 and must reach execution for its precise error, as they did before any caching.
          if (!shape || exceedsAny(shape)) {
            shape = measureOperation(schema, document, operation, request.variables, limits.defaultListSize);
            // Cost 0 is what variables that do not coerce measure: not a property of the document.
            if (shape.cost > 0) shapes.set(key, shape);
          }
          for (const [key, limitKey, code, label] of CHECKS) {
            const limit = limits[limitKey];
            const actual = shape[key];
            if (actual > limit) {
              throw domainError(
                code,
                `operation ${label} ${actual} exceeds the limit of ${limit} by ${actual - limit}`,
                {
                  limit,
                  actual,
                  excess: actual - limit,
                },
              );
            }
          }
        },
      };
    },
  };
}

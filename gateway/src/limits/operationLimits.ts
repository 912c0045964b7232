import type { ApolloServerPlugin } from '@apollo/server';
import { domainError, ErrorCode } from '@credit/shared';
import type { GatewayContext } from '../context';
import { measureOperation } from './measureOperation';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
  defaultListSize: number;
}

const CHECKS = [
  ['depth', 'maxDepth', ErrorCode.DEPTH_LIMIT_EXCEEDED, 'depth'],
  ['aliases', 'maxAliases', ErrorCode.ALIAS_LIMIT_EXCEEDED, 'aliases'],
  ['rootFields', 'maxRootFields', ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED, 'root fields'],
  ['cost', 'maxCost', ErrorCode.COST_LIMIT_EXCEEDED, 'estimated cost'],
] as const;

/**
 * Refuses an operation before any subgraph is called when it is deeper, more aliased, wider or
 * costlier than configured; the error names the limit, the measured value and the excess.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const shape = measureOperation(schema, document, operation, request.variables, limits.defaultListSize);
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

import type { Rejection, RequestInfo, RouteHandler } from '@credit/shared';
import { passTo, throttled } from './passThrough';

/**
 * The service guides (办事指南) are pages of the entities subgraph, which owns them; the gateway
 * passes them through so that the public sees one origin. Anonymous readers spend the anonymous budget.
 */
export function guideRoutes(
  entitiesGraphqlUrl: string | undefined,
  timeoutMs: number,
  throttle: (info: RequestInfo) => Promise<Rejection | undefined>,
): Record<string, RouteHandler> {
  if (!entitiesGraphqlUrl) return {};
  const pass = throttled(passTo(entitiesGraphqlUrl, timeoutMs, 'entities'), throttle);
  return { '/guides': pass, '/guides/*': pass };
}

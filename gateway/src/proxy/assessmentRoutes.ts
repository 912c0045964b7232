import type { Rejection, RequestInfo, RouteHandler } from '@credit/shared';
import { passTo, throttled } from './passThrough';

/**
 * The quarterly assessment's export (`/assessment/2026Q3.xlsx`, bearer token of the lead
 * department or an analyst) is served by the objections subgraph; the gateway passes it through,
 * within the caller's rate limit, so there is one public origin.
 */
export function assessmentRoutes(
  objectionsGraphqlUrl: string | undefined,
  timeoutMs: number,
  throttle: (info: RequestInfo) => Promise<Rejection | undefined>,
): Record<string, RouteHandler> {
  if (!objectionsGraphqlUrl) return {};
  return { '/assessment/*': throttled(passTo(objectionsGraphqlUrl, timeoutMs, 'objections'), throttle) };
}

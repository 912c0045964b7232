import { requestError, type Rejection, type RequestInfo, type RouteHandler } from '@credit/shared';
import { passTo } from './reportRoutes';

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
  const pass = passTo(objectionsGraphqlUrl, timeoutMs, 'objections');
  return {
    '/assessment/*': async (req, res, info) => {
      const r = await throttle(info);
      if (r) return requestError(res, r.status, r.code, r.message, info.requestId, r.headers, r.extensions);
      return pass(req, res, info);
    },
  };
}

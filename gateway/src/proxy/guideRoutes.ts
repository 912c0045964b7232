import {
  ErrorCode,
  keepAlivePool,
  REQUEST_ID_HEADER,
  requestError,
  type Rejection,
  type RequestInfo,
  type RouteHandler,
} from '@credit/shared';

const PASS_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'content-security-policy',
  'x-content-type-options',
];

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
  const { pool } = keepAlivePool(entitiesGraphqlUrl);
  const pass: RouteHandler = async (req, res, info) => {
    const r = await throttle(info);
    if (r) return requestError(res, r.status, r.code, r.message, info.requestId, r.headers, r.extensions);
    try {
      const upstream = await pool.request({
        path: req.url ?? '/guides',
        method: 'GET',
        headers: { [REQUEST_ID_HEADER]: info.requestId, 'x-forwarded-for': info.ip },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const h of PASS_HEADERS) {
        const v = upstream.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const body = Buffer.from(await upstream.body.arrayBuffer());
      res.writeHead(upstream.statusCode, headers);
      res.end(body);
    } catch {
      requestError(res, 502, ErrorCode.SERVICE_UNAVAILABLE, 'the entities service is unavailable', info.requestId);
    }
  };
  return { '/guides': pass, '/guides/*': pass };
}

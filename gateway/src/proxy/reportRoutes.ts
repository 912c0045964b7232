import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ErrorCode,
  keepAlivePool,
  REQUEST_ID_HEADER,
  requestError,
  type Rejection,
  type RequestInfo,
  type RouteHandler,
} from '@credit/shared';

// Security headers of the verification page matter: its URL carries the verification code.
const PASS_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'etag',
  'referrer-policy',
  'content-security-policy',
  'x-content-type-options',
  'retry-after',
];

/**
 * A GET handler that passes the request on to a subgraph's own HTTP routes (the host of its
 * /graphql URL), with the caller's token, Accept and request id, and passes back the answer.
 */
export function passTo(graphqlUrl: string, timeoutMs: number, service: string): RouteHandler {
  const { pool } = keepAlivePool(graphqlUrl);
  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
    try {
      const upstream = await pool.request({
        path: req.url ?? '/',
        method: 'GET',
        headers: {
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          ...(req.headers.accept ? { accept: req.headers.accept } : {}),
          [REQUEST_ID_HEADER]: info.requestId,
          'x-forwarded-for': info.ip,
        },
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
      requestError(res, 502, ErrorCode.SERVICE_UNAVAILABLE, `the ${service} service is unavailable`, info.requestId);
    }
  };
}

/**
 * The report pages a phone or a browser opens (QR code target, PDF download, public signing keys)
 * are served by the reports subgraph; the gateway passes them through so there is one public origin.
 */
export function reportRoutes(
  reportsGraphqlUrl: string | undefined,
  timeoutMs: number,
  throttle: (info: RequestInfo) => Promise<Rejection | undefined>,
): Record<string, RouteHandler> {
  if (!reportsGraphqlUrl) return {};
  // Verification by report users' systems comes through here at volume.
  const pass = passTo(reportsGraphqlUrl, timeoutMs, 'reports');
  // Verification and PDFs by code are doors to guess codes through: rate-limited like /graphql.
  const throttled: RouteHandler = async (req, res, info) => {
    const r = await throttle(info);
    if (r) return requestError(res, r.status, r.code, r.message, info.requestId, r.headers, r.extensions);
    return pass(req, res, info);
  };
  // The credential routes are public, cacheable documents (DID document, status lists, the JSON-LD context).
  return {
    '/verify': throttled,
    '/reports/*': throttled,
    '/.well-known/credit-report-keys': pass,
    '/.well-known/did.json': pass,
    '/credentials/status/*': pass,
    '/contexts/credit-report/v1': pass,
  };
}

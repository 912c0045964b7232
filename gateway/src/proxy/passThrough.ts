import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CLIENT_IP_HEADER,
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
  // Whether a report fetched by its code is still current (reports' PDF route).
  'x-report-current',
];

/**
 * A GET handler that passes the request on to a subgraph's own HTTP routes (the host of its
 * /graphql URL), with the caller's token, Accept, request id and address, and passes back the answer.
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
          // The gateway's own finding (see clientIp), never a header the client sent.
          [CLIENT_IP_HEADER]: info.ip,
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

/** Wraps a pass-through so that each request first spends the caller's rate budget. */
export function throttled(
  pass: RouteHandler,
  throttle: (info: RequestInfo) => Promise<Rejection | undefined>,
): RouteHandler {
  return async (req, res, info) => {
    const r = await throttle(info);
    if (r) return requestError(res, r.status, r.code, r.message, info.requestId, r.headers, r.extensions);
    return pass(req, res, info);
  };
}

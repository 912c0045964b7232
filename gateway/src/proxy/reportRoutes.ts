import type { IncomingMessage, ServerResponse } from 'node:http';
import { keepAlivePool, REQUEST_ID_HEADER, type RequestInfo, type RouteHandler } from '@credit/shared';

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
];

/**
 * The report pages a phone or a browser opens (QR code target, PDF download, public signing keys)
 * are served by the reports subgraph; the gateway passes them through so there is one public origin.
 */
export function reportRoutes(reportsGraphqlUrl: string | undefined, timeoutMs: number): Record<string, RouteHandler> {
  if (!reportsGraphqlUrl) return {};
  // Verification by report users' systems comes through here at volume.
  const { pool } = keepAlivePool(reportsGraphqlUrl);
  const pass: RouteHandler = async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
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
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('reports service unavailable');
    }
  };
  return { '/verify': pass, '/reports/*': pass, '/.well-known/credit-report-keys': pass };
}

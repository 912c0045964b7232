import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, type RequestInfo, type RouteHandler } from '@credit/shared';

// Security headers of the verification page matter: its URL carries the verification code.
const PASS_HEADERS = [
  'content-type', 'content-length', 'content-disposition', 'cache-control', 'etag',
  'referrer-policy', 'content-security-policy', 'x-content-type-options',
];

/**
 * The report pages a phone or a browser opens (QR code target, PDF download, public signing keys)
 * are served by the reports subgraph; the gateway passes them through so there is one public origin.
 */
export function reportRoutes(reportsGraphqlUrl: string | undefined, timeoutMs: number): Record<string, RouteHandler> {
  if (!reportsGraphqlUrl) return {};
  const origin = new URL(reportsGraphqlUrl).origin;
  const pass: RouteHandler = async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
    try {
      const upstream = await fetch(origin + (req.url ?? '/'), {
        headers: {
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          [REQUEST_ID_HEADER]: info.requestId,
          'x-forwarded-for': info.ip,
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const headers: Record<string, string> = {};
      for (const h of PASS_HEADERS) {
        const v = upstream.headers.get(h);
        if (v) headers[h] = v;
      }
      res.writeHead(upstream.status, headers);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('reports service unavailable');
    }
  };
  return { '/verify': pass, '/reports/*': pass, '/.well-known/credit-report-keys': pass };
}

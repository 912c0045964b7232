import type { Rejection, RequestInfo, RouteHandler } from '@credit/shared';
import { passTo, throttled } from './passThrough';

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
  const limited = throttled(pass, throttle);
  // The credential routes are public, cacheable documents (DID document, status lists, the JSON-LD context).
  return {
    '/verify': limited,
    '/reports/*': limited,
    '/.well-known/credit-report-keys': pass,
    '/.well-known/did.json': pass,
    '/credentials/status/*': pass,
    '/contexts/credit-report/v1': pass,
  };
}

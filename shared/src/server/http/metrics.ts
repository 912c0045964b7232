import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestError } from './responses';

/**
 * Who may read /metrics: with a token, only `Authorization: Bearer <token>`; without one, anybody
 * outside production and nobody in production (numbers about traffic are not public).
 */
export interface MetricsAccess {
  token?: string;
  production: boolean;
}

function metricsRefusal(
  authorization: string | undefined,
  access: MetricsAccess | undefined,
): { status: number; code: string; message: string } | undefined {
  if (!access) return undefined;
  if (!access.token) {
    return access.production
      ? { status: 403, code: 'FORBIDDEN', message: '/metrics is served in production only with METRICS_TOKEN set' }
      : undefined;
  }
  const presented = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(access.token);
  if (presented.length === expected.length && timingSafeEqual(presented, expected)) return undefined;
  return { status: 401, code: 'UNAUTHENTICATED', message: '/metrics needs "Authorization: Bearer <METRICS_TOKEN>"' };
}

/** GET /metrics: the Prometheus text exposition, for whoever `access` lets in. */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: () => Promise<string>,
  access: MetricsAccess | undefined,
  requestId: string,
): Promise<void> {
  const refusal = metricsRefusal(req.headers.authorization, access);
  if (refusal) return requestError(res, refusal.status, refusal.code, refusal.message, requestId);
  const text = await metrics();
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(text);
}

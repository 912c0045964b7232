import type { ServerResponse } from 'node:http';
import { json } from './responses';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
  /** The service still serves without it (e.g. the cache): down means `degraded`, still HTTP 200. */
  optional?: boolean;
}

/** Something operators should act on soon that does not stop the service (readiness stays as it is). */
export interface HealthWarning {
  name: string;
  /** The warning's text, or null when all is well. */
  check: () => Promise<string | null>;
}

/** GET /health/live: the process answers. */
export const live = (res: ServerResponse) => json(res, 200, { status: 'ok' });

/** GET /health/ready: 200 ready or degraded (an optional check down), 503 when a required one is down. */
export async function ready(
  res: ServerResponse,
  readiness: ReadinessCheck[],
  warnings: HealthWarning[] = [],
): Promise<void> {
  const results = await Promise.all(readiness.map(async (r) => [r.name, await r.check().catch(() => false)] as const));
  const warned = (
    await Promise.all(
      warnings.map(
        async (w) => [w.name, await w.check().catch((err: Error) => `check failed: ${err.message}`)] as const,
      ),
    )
  ).filter(([, text]) => text !== null);
  const ok = results.every(([name, up]) => up || readiness.find((r) => r.name === name)?.optional);
  const degraded = ok && results.some(([, up]) => !up);
  json(res, ok ? 200 : 503, {
    status: ok ? (degraded ? 'degraded' : 'ready') : 'not ready',
    checks: Object.fromEntries(results.map(([n, up]) => [n, up ? 'up' : 'down'])),
    ...(warned.length ? { warnings: Object.fromEntries(warned) } : {}),
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';

/** The CORS headers for an origin: none when CORS is off or the origin is not allowed. */
export function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || allowed.length === 0) return {};
  if (allowed.includes('*')) return { 'access-control-allow-origin': '*' };
  if (!allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'origin', 'access-control-allow-credentials': 'true' };
}

/**
 * Sets the CORS headers of every response and answers a preflight (OPTIONS) itself.
 * Returns true when the request has been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: string[]): boolean {
  for (const [k, v] of Object.entries(corsHeaders(req.headers.origin, allowed))) res.setHeader(k, v);
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name',
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}

import type { ServerResponse } from 'node:http';

/** GET /metrics: the Prometheus text exposition. */
export async function serveMetrics(res: ServerResponse, metrics: () => Promise<string>): Promise<void> {
  const text = await metrics();
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(text);
}

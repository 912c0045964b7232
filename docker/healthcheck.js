// Container HEALTHCHECK: ready means /health/ready answers 200 (database, cache, and for callers of
// other subgraphs, that they accept our SERVICE token). HEALTH_PORT names the service's port.
const port = process.env.HEALTH_PORT || process.env.GATEWAY_PORT || '4000';
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2500) })
  .then((r) => process.exit(r.ok ? 0 : 1))
  .catch(() => process.exit(1));

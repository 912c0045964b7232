import { Pool } from 'undici';

/**
 * A kept-alive connection pool to one service, and the path to call on it. Calls between the
 * gateway and the subgraphs go through these rather than fetch: fetch's Request, Headers, web
 * streams and abort signals cost more CPU than the call itself (docs/performance.md).
 */
export function keepAlivePool(url: string, connections = 64): { pool: Pool; path: string } {
  const target = new URL(url);
  return {
    pool: new Pool(target.origin, { connections, keepAliveTimeout: 30_000 }),
    path: target.pathname + target.search,
  };
}

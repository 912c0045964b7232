import { composeSupergraph, createGateway, loadGatewayEnv } from '@credit/gateway';
import { closeServer, createLogger, listen, printFederatedSchema } from '@credit/shared';
import type { Platform } from '../platform';

/** A second gateway in front of the same subgraphs, sharing the platform's cache prefix. */
export async function extraGateway(p: Platform, env: Record<string, string | undefined> = {}) {
  const supergraphSdl = composeSupergraph(
    Object.entries(p.subgraphs).map(([name, s]) => ({ name, url: s.url, sdl: printFederatedSchema(s.app.schema) })),
  );
  const gw = await createGateway({
    env: loadGatewayEnv({ ...p.env, ...env }),
    supergraphSdl,
    logger: createLogger('gateway-2', 'silent'),
  });
  const port = await listen(gw.http, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await closeServer(gw.http);
      await gw.stop();
    },
  };
}

/** Raw POST for probes that are not well-formed GraphQL requests. */
export async function rawPost(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

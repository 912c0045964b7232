import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createGateway, loadGatewayEnv } from '@credit/gateway';
import { closeServer, createLogger, listen, serveSubgraph } from '@credit/shared';
import { startApp, testEnv } from '@credit/shared/test';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '@credit/entities';
import { identityProvider, root } from '../production/support';

/** Issue 13 item 7: subgraphs listen on loopback unless told otherwise; /metrics is not public. */
const nonLoopbackAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const canConnect = (host: string, port: number) =>
  new Promise<boolean>((done) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });

describe('subgraphs bind loopback by default', () => {
  const served: EntitiesApp[] = [];
  afterAll(async () => {
    for (const app of served) {
      if (app.http.listening) await closeServer(app.http);
      await app.shutdown();
    }
  });

  it('listens on 127.0.0.1 unless HOST says otherwise', async () => {
    const local = await createEntitiesApp(loadEntitiesEnv(testEnv()));
    served.push(local);
    await serveSubgraph(local, 0);
    const { address, port } = local.http.address() as { address: string; port: number };
    expect(address).toBe('127.0.0.1');
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    const external = nonLoopbackAddress();
    // A machine without a non-loopback interface cannot show the refusal; say so rather than pass silently.
    if (!external) throw new Error('no non-loopback IPv4 interface on this machine to probe from');
    expect(await canConnect(external, port)).toBe(false);

    const everywhere = await createEntitiesApp(loadEntitiesEnv(testEnv({ HOST: '0.0.0.0' })));
    served.push(everywhere);
    await serveSubgraph(everywhere, 0);
    const open = everywhere.http.address() as { address: string; port: number };
    expect(open.address).toBe('0.0.0.0');
    expect(await canConnect(external, open.port)).toBe(true);
  });
});

describe('/metrics needs METRICS_TOKEN', () => {
  const metricsToken = 'metrics-token-for-the-scraper-0001';
  const get = (url: string, token?: string) =>
    fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  it('on a subgraph: refused without the bearer token once one is configured', async () => {
    const s = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)), {
      METRICS_TOKEN: metricsToken,
    });
    try {
      const url = s.url.replace('/graphql', '/metrics');
      const anonymous = await get(url);
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await get(url, 'wrong-token-of-some-length')).status).toBe(401);
      const scraped = await get(url, metricsToken);
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('graphql_requests_total');
    } finally {
      await s.stop();
    }
  });

  it('on the production gateway: not served without METRICS_TOKEN, served with the token', async () => {
    const idp = identityProvider();
    const supergraphSdl = readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8');
    const production = {
      ...testEnv(),
      NODE_ENV: 'production',
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      DB_URL: 'mysql://unused@127.0.0.1:1/credit',
    };
    for (const [extra, expected] of [
      [{}, { anonymous: 403, withToken: 403 }],
      [{ METRICS_TOKEN: metricsToken }, { anonymous: 401, withToken: 200 }],
    ] as const) {
      const gw = await createGateway({
        env: loadGatewayEnv({ ...production, ...extra }),
        supergraphSdl,
        logger: createLogger('gateway', 'silent'),
      });
      const port = await listen(gw.http, 0, '127.0.0.1');
      try {
        const url = `http://127.0.0.1:${port}/metrics`;
        expect({
          extra,
          anonymous: (await get(url)).status,
          withToken: (await get(url, metricsToken)).status,
        }).toEqual({ extra, ...expected });
      } finally {
        await closeServer(gw.http);
        await gw.stop();
      }
    }
  });
});

import { composeSupergraph, createGateway, loadGatewayEnv, type GatewayApp } from '@credit/gateway';
import {
  closeServer,
  createLogger,
  demoSourceUnits,
  createServiceClient,
  listen,
  printFederatedSchema,
  type BootedSubgraph,
} from '@credit/shared';
import { dropTestSchemas, gql, TEST_AUTH, testEnv, tokenFor } from '@credit/shared/test';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '@credit/entities';
import { createRecordsApp, loadRecordsEnv, type RecordsApp } from '@credit/records';
import { createReportsApp, loadReportsEnv } from '@credit/reports';
import { createObjectionsApp, loadObjectionsEnv } from '@credit/objections';

export interface SubgraphStarter {
  name: string;
  create: (env: Record<string, string | undefined>) => Promise<BootedSubgraph<unknown>>;
}

export const entities: SubgraphStarter = {
  name: 'entities',
  create: (env) => createEntitiesApp(loadEntitiesEnv(env)) as Promise<BootedSubgraph<unknown>>,
};

/** Needs entities started before it (domain catalogue): startPlatform passes ENTITIES_URL on. */
export const records: SubgraphStarter = {
  name: 'records',
  create: (env) => createRecordsApp(loadRecordsEnv(env)) as Promise<BootedSubgraph<unknown>>,
};

/** Needs entities and records started before it (snapshot sources): startPlatform passes their URLs on. */
export const reports: SubgraphStarter = {
  name: 'reports',
  create: (env) => createReportsApp(loadReportsEnv(env)) as Promise<BootedSubgraph<unknown>>,
};

/** Needs records started before it (record owners, the outbox): startPlatform passes RECORDS_URL on. */
export const objections: SubgraphStarter = {
  name: 'objections',
  create: (env) => createObjectionsApp(loadObjectionsEnv(env)) as Promise<BootedSubgraph<unknown>>,
};

export interface Platform {
  env: Record<string, string | undefined>;
  gatewayUrl: string;
  subgraphs: Record<string, { url: string; app: BootedSubgraph<any> }>;
  gateway: GatewayApp;
  /** The supergraph the gateway runs (composed from the subgraphs' live schemas); absent in the cluster pass. */
  supergraphSdl?: string;
  /** Stops one subgraph's HTTP listener (outage tests) and starts it again on the same port. */
  stopSubgraph(name: string): Promise<void>;
  restartSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the given subgraphs and a gateway in this process on free ports, composing the
 * supergraph from the subgraphs' live schemas, as federation's own integration suite does.
 */
export async function startPlatform(
  starters: SubgraphStarter[],
  extraEnv: Record<string, string | undefined> = {},
): Promise<Platform> {
  if (process.env.CLUSTER_GATEWAY_URL) return clusterPlatform(process.env.CLUSTER_GATEWAY_URL);
  const env = testEnv(extraEnv);
  const subgraphs: Platform['subgraphs'] = {};
  const ports: Record<string, number> = {};
  for (const s of starters) {
    const app = await s.create(env);
    const port = await listen(app.http, 0, '127.0.0.1');
    ports[s.name] = port;
    subgraphs[s.name] = { url: `http://127.0.0.1:${port}/graphql`, app };
    // Subgraphs started later call this one directly (records -> entities), as in `pnpm start`.
    env[`${s.name.toUpperCase()}_URL`] ??= subgraphs[s.name].url;
  }
  // Records' changes go to reports (issued reports' currency), whose port is known only now.
  if (subgraphs.records && subgraphs.reports) {
    (subgraphs.records.app as RecordsApp).changeFeed.useReports(
      createServiceClient({ url: subgraphs.reports.url, service: 'records', auth: TEST_AUTH }),
    );
  }
  // So do entities' commitment breaches (webhooks to report subscribers).
  if (subgraphs.entities && subgraphs.reports) {
    (subgraphs.entities.app as EntitiesApp).breachFeed.useReports(
      createServiceClient({ url: subgraphs.reports.url, service: 'entities', auth: TEST_AUTH }),
    );
  }
  // Entities merges every subgraph's audit log; their ports are known only now.
  const auditTrail = subgraphs.entities?.app.services.auditTrail;
  for (const [name, { url }] of Object.entries(subgraphs)) {
    if (auditTrail && name !== 'entities') {
      auditTrail.addSource({ name, call: createServiceClient({ url, service: 'entities', auth: TEST_AUTH }) });
    }
  }
  const supergraphSdl = composeSupergraph(
    starters.map((s) => ({
      name: s.name,
      url: subgraphs[s.name].url,
      sdl: printFederatedSchema(subgraphs[s.name].app.schema),
    })),
  );
  const gateway = await createGateway({
    env: loadGatewayEnv(env),
    supergraphSdl,
    logger: createLogger('gateway', 'silent'),
  });
  const gatewayPort = await listen(gateway.http, 0, '127.0.0.1');
  return {
    env,
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    subgraphs,
    gateway,
    supergraphSdl,
    async stopSubgraph(name) {
      await closeServer(subgraphs[name].app.http);
    },
    async restartSubgraph(name) {
      await listen(subgraphs[name].app.http, ports[name], '127.0.0.1');
    },
    async stop() {
      await closeServer(gateway.http);
      await gateway.stop();
      for (const { app } of Object.values(subgraphs)) {
        if (app.http.listening) await closeServer(app.http);
        await app.shutdown();
      }
      await dropTestSchemas(env);
    },
  };
}

/**
 * The cluster pass of `.ci/run`: the gateway of `pnpm cluster:start` (two replicas of everything on
 * Galera and Redis Cluster) instead of one in this process. Only e2e files that need nothing but the
 * gateway URL and tokens run this way (the cluster signs with the embedded secret, as tokenFor does);
 * nothing here can be stopped, restarted or reconfigured per test.
 */
function clusterPlatform(gatewayUrl: string): Platform {
  const absent = () => {
    throw new Error('the cluster pass has no in-process subgraph or gateway (CLUSTER_GATEWAY_URL is set)');
  };
  return {
    env: {},
    gatewayUrl,
    subgraphs: {},
    get gateway(): GatewayApp {
      return absent();
    },
    stopSubgraph: async () => absent(),
    restartSubgraph: async () => absent(),
    stop: async () => undefined,
  };
}

const REGISTER_UNIT = `mutation($i: RegisterSourceUnitInput!) { registerSourceUnit(input: $i) { code } }`;

/**
 * Registers source units of the standard register (by code) as the lead department does, for
 * tests that start without demo data: only registered units may submit.
 */
export async function registerSourceUnits(p: Platform, codes: string[]): Promise<void> {
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const register = new Map(demoSourceUnits().map((u) => [u.code, u]));
  for (const code of codes) {
    const u = register.get(code);
    if (!u) throw new Error(`${code} is not in the standard register`);
    const r = await gql(
      p.gatewayUrl,
      REGISTER_UNIT,
      { i: { code, name: u.name, creditCode: u.creditCode, regionCode: u.regionCode, domainCodes: u.domainCodes } },
      lead,
    );
    // The cluster's one database is seeded and shared by every file: the unit may be there already.
    const there = process.env.CLUSTER_GATEWAY_URL && r.errors?.[0].extensions?.code === 'CONFLICT';
    if (r.errors && !there) throw new Error(`registering ${code}: ${JSON.stringify(r.errors)}`);
  }
}

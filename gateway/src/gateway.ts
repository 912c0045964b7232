import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  authConfigFromEnv,
  baseContext,
  createErrorFormatter,
  createHttpApp,
  createTokenVerifier,
  REQUEST_ID_HEADER,
  requestLogPlugin,
  type Logger,
  type ServiceContext,
} from '@credit/shared';
import type { GatewayEnv } from './env';

export interface GatewayContext extends ServiceContext {
  authorization?: string;
}

/** Forwards the caller's token (each subgraph verifies it again) and the request id. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context || !('requestId' in context)) return;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

export interface GatewayApp {
  http: Server;
  apollo: ApolloServer<GatewayContext>;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  env: GatewayEnv;
  supergraphSdl: string;
  logger: Logger;
  /** Subgraph name -> URL, replacing the routing URLs of the supergraph. */
  routing?: Record<string, string>;
}

async function subgraphReady(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The gateway: verifies the token, plans over the static supergraph, forwards identity. */
export async function createGateway(opts: GatewayOptions): Promise<GatewayApp> {
  const { env, logger } = opts;
  const production = env.NODE_ENV === 'production';
  const urls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name, url }) => {
      const target = opts.routing?.[name] ?? url!;
      urls.set(name, target);
      return new ForwardingDataSource({ url: target });
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    formatError: createErrorFormatter({
      exposeInternals: !production,
      onInternal: (err) => logger.error({ err }, 'internal error'),
    }),
    plugins: [requestLogPlugin(logger), ...(production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();
  const verify = createTokenVerifier(authConfigFromEnv(env));
  const http = createHttpApp<GatewayContext>({
    apollo,
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    context: async (info) => {
      const base = await baseContext(info, verify, logger);
      const header = info.headers.authorization;
      return { ...base, authorization: Array.isArray(header) ? header[0] : header };
    },
    readiness: [
      {
        name: 'subgraphs',
        check: async () => (await Promise.all([...urls.values()].map((u) => subgraphReady(u, 2000)))).every(Boolean),
      },
    ],
  });
  return {
    http,
    apollo,
    async stop() {
      await apollo.stop();
    },
  };
}

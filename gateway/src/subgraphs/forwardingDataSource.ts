import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER, type ServiceMetrics } from '@credit/shared';
import type { GatewayContext } from '../gateway';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Each subgraph call: the caller's token (subgraphs verify it again), the request id, a time-out,
 * and a latency observation. Uses Node's fetch (undici), whose agent keeps connections alive.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(name: string, url: string, timeoutMs: number, metrics: ServiceMetrics) {
    const fetcher = (async (input: string, init: RequestInit) => {
      const started = process.hrtime.bigint();
      let outcome = 'ok';
      try {
        return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        outcome = (err as Error).name === 'TimeoutError' ? 'timeout' : 'error';
        if (outcome === 'timeout') throw new Error(`subgraph ${name} did not answer within ${timeoutMs} ms`);
        throw err;
      } finally {
        metrics.subgraphLatency.observe({ subgraph: name, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    }) as unknown as Fetcher;
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context || !('requestId' in context)) return;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

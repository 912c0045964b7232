import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Cache } from '../cache/cache';
import { sqlStatements } from '../db/statementCounter';

const MAX_OPERATION_LABELS = 200;

/** Prometheus metrics of one service; exposed at /metrics. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly errors: Counter<'code'>;
  readonly latency: Histogram<'operation'>;
  readonly subgraphLatency: Histogram<'subgraph' | 'outcome'>;
  readonly cacheLookups: Counter<'result'>;
  private readonly operations = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations by name and outcome',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'GraphQL errors by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.latency = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation latency by operation name',
      labelNames: ['operation'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.subgraphLatency = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Gateway to subgraph call latency',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'cache_lookups_total',
      help: 'Cache lookups by result',
      labelNames: ['result'],
      registers,
    });
    // Read by the benchmark to report SQL statements per operation across processes.
    new Gauge({
      name: 'db_statements_total',
      help: 'SQL statements sent by this process since start',
      registers,
      collect() {
        this.set(sqlStatements.total);
      },
    });
  }

  /** A service's own counter (a domain event worth watching), on this registry. */
  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A service's own gauge, read when /metrics is scraped. */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** Operation names come from clients: cap the label set so a hostile client cannot explode it. */
  operationLabel(name: string | null | undefined): string {
    const n = name || 'anonymous';
    if (this.operations.has(n)) return n;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(n);
    return n;
  }

  /** Gauges of the MySQL connection pool (SQLite has a single connection and reports nothing). */
  watchPool(ds: DataSource): void {
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (
          ds.driver as unknown as {
            pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number } };
          }
        ).pool;
        if (!pool?._allConnections) return;
        const all = pool._allConnections.length;
        const free = pool._freeConnections?.length ?? 0;
        this.set({ state: 'total' }, all);
        this.set({ state: 'idle' }, free);
        this.set({ state: 'busy' }, all - free);
      },
    });
  }

  /** Wraps a cache so that every get counts as a hit or a miss. */
  instrumentCache(cache: Cache): Cache {
    const lookups = this.cacheLookups;
    return new Proxy(cache, {
      get(target, prop, receiver) {
        if (prop === 'get') {
          return async (key: string) => {
            const v = await target.get(key);
            lookups.inc({ result: v === undefined ? 'miss' : 'hit' });
            return v;
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  plugin<C extends object>(): ApolloServerPlugin<C> {
    const observe = (operationName: string | null | undefined, seconds: number, codes: string[]) => {
      const op = this.operationLabel(operationName);
      this.latency.observe({ operation: op }, seconds);
      this.requests.inc({ operation: op, outcome: codes.length ? 'error' : 'ok' });
      for (const code of codes) this.errors.inc({ code });
    };
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ operationName, errors }) {
            const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
            observe(operationName, Number(process.hrtime.bigint() - started) / 1e9, codes);
          },
        };
      },
    };
  }
}

import { parseEnv, portVar, z } from '@credit/shared';

const url = z.string().url().optional();
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** The only reader of process.env in the gateway. */
export function loadGatewayEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      GATEWAY_PORT: portVar(4000),
      SUPERGRAPH_FILE: z.string().min(1).default('gateway/supergraph.graphql'),
      // Routing URLs baked into the supergraph point at localhost; containers and clusters override them.
      ENTITIES_URL: url,
      RECORDS_URL: url,
      REPORTS_URL: url,
      OBJECTIONS_URL: url,
      SUBGRAPH_TIMEOUT_MS: int(100, 120_000, 10_000),
      MAX_BODY_BYTES: int(1_000, 50_000_000, 1_000_000),
      // A unit's file uploaded to POST /imports (streamed to records, never held): 413 beyond it.
      IMPORT_MAX_BYTES: int(1_000, 2_000_000_000, 100_000_000),
      MAX_TOKENS: int(100, 100_000, 5_000),
      MAX_DEPTH: int(2, 50, 10),
      MAX_ALIASES: int(0, 1_000, 20),
      MAX_ROOT_FIELDS: int(1, 100, 10),
      MAX_COST: int(10, 10_000_000, 20_000),
      DEFAULT_LIST_SIZE: int(1, 1_000, 20),
      RATE_LIMIT_PER_PRINCIPAL: int(1, 1_000_000_000, 1_200),
      RATE_LIMIT_ANONYMOUS_PER_IP: int(1, 1_000_000_000, 120),
      RATE_LIMIT_WINDOW_SECONDS: int(1, 3_600, 60),
      APQ_TTL_SECONDS: int(60, 30 * 86_400, 86_400),
      SAFELIST_FILE: z.string().optional(),
      // auto: on when REDIS_URL is set (every process must see every subject change).
      RESPONSE_CACHE: z.enum(['auto', 'on', 'off']).default('auto'),
      RESPONSE_CACHE_TTL_SECONDS: int(1, 86_400, 300),
      // on: an operation whose query plan is one fetch from one subgraph goes straight to it (the
      // plan walk and merge skipped, the answer shaped and its errors named as before); off: every
      // operation through the executor.
      GATEWAY_ONE_HOP: z.enum(['on', 'off']).default('on'),
      // Worker processes sharing the port (node:cluster); 1 keeps a single process.
      GATEWAY_WORKERS: int(1, 64, 1),
      CORS_ORIGINS: list,
      TRUST_PROXY: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    },
    source,
  );
}
export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

export function routingOverrides(env: GatewayEnv): Record<string, string> {
  const out: Record<string, string> = {};
  if (env.ENTITIES_URL) out.entities = env.ENTITIES_URL;
  if (env.RECORDS_URL) out.records = env.RECORDS_URL;
  if (env.REPORTS_URL) out.reports = env.REPORTS_URL;
  if (env.OBJECTIONS_URL) out.objections = env.OBJECTIONS_URL;
  return out;
}

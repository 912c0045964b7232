import { parseEnv, portVar, z } from '@credit/shared';

const url = z.string().url().optional();

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
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
      MAX_BODY_BYTES: z.coerce.number().int().min(1_000).max(50_000_000).default(1_000_000),
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

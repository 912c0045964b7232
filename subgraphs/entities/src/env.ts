import { parseEnv, portVar, seedDemoVar, z } from '@credit/shared';

/** The only reader of process.env in this service (main.ts passes it in). */
export function loadEntitiesEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      ENTITIES_PORT: portVar(4001),
      // Other subgraphs whose audit logs the merged audit trail includes (unset: entities' own only).
      RECORDS_URL: z.string().url().optional(),
      REPORTS_URL: z.string().url().optional(),
      OBJECTIONS_URL: z.string().url().optional(),
      SEED_DEMO: seedDemoVar,
    },
    source,
    // The merged audit trail reads the other subgraphs' logs only when their URLs are given.
    { callsOtherServices: (env) => Boolean(env.RECORDS_URL || env.REPORTS_URL || env.OBJECTIONS_URL) },
  );
}
export type EntitiesEnv = ReturnType<typeof loadEntitiesEnv>;

import { parseEnv, portVar, seedDemoVar, z } from '@credit/shared';

/** The only reader of process.env in this service (main.ts passes it in). */
export function loadEntitiesEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      ENTITIES_PORT: portVar(4001),
      // Other subgraphs whose audit logs the merged audit trail includes (unset: entities' own only).
      RECORDS_URL: z.string().url().optional(),
      // Also where commitment breaches go (report subscribers); unset, they wait in the outbox.
      REPORTS_URL: z.string().url().optional(),
      OBJECTIONS_URL: z.string().url().optional(),
      // 0 turns the breach feed's timer off (tests drain it); 20 failed tries park a breach.
      OUTBOX_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
      OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(20),
      SEED_DEMO: seedDemoVar,
    },
    source,
    // The merged audit trail reads the other subgraphs' logs only when their URLs are given.
    { callsOtherServices: (env) => Boolean(env.RECORDS_URL || env.REPORTS_URL || env.OBJECTIONS_URL) },
  );
}
export type EntitiesEnv = ReturnType<typeof loadEntitiesEnv>;

import { parseEnv, periodEnvShape, portVar, subgraphUrlVar, seedDemoVar, z } from '@credit/shared';

/** The only reader of process.env in this service (main.ts and the import command pass it in). */
export function loadRecordsEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      RECORDS_PORT: portVar(4002),
      ENTITIES_URL: subgraphUrlVar('entities', source),
      // Where record changes go (issued reports' currency); unset, they wait in the outbox.
      REPORTS_URL: z.string().url().optional(),
      // 0 turns the change feed's timer off (tests drain it); 20 failed tries park a change.
      OUTBOX_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
      OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(20),
      SEED_DEMO: seedDemoVar,
      LATE_THRESHOLD_DAYS: z.coerce.number().int().min(0).max(365).default(7),
      REJECTION_RATE_WARNING: z.coerce.number().min(0).max(1).default(0.2),
      // A unit's uploaded file (POST /imports through the gateway, which has its own bound of the same name).
      IMPORT_MAX_BYTES: z.coerce.number().int().min(1_000).max(2_000_000_000).default(100_000_000),
      // The default and normal maximum period, read by reports too (one value for the platform).
      ...periodEnvShape,
    },
    source,
    { callsOtherServices: () => true },
  );
}
export type RecordsEnv = ReturnType<typeof loadRecordsEnv>;

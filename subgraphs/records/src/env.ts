import { parseEnv, periodEnvShape, portVar, seedDemoVar, z } from '@credit/shared';

/** The only reader of process.env in this service (main.ts and the import command pass it in). */
export function loadRecordsEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      RECORDS_PORT: portVar(4002),
      ENTITIES_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
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

import { parseEnv, portVar, z } from '@credit/shared';

/** The only reader of process.env in this service (main.ts passes it in). */
export function loadEntitiesEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      ENTITIES_PORT: portVar(4001),
      SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    },
    source,
  );
}
export type EntitiesEnv = ReturnType<typeof loadEntitiesEnv>;

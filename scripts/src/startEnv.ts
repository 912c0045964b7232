import { parseEnv, portVar, z } from '@credit/shared';
import { GATEWAY_PORT, SUBGRAPHS } from './services';

/** What `pnpm start` and `pnpm dev` read themselves (each service parses the rest again). */
export function loadStartEnv(source: Record<string, string | undefined>) {
  const env = parseEnv(
    {
      GATEWAY_PORT: portVar(GATEWAY_PORT),
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.portVar, portVar(s.port)])),
      // The services never seed by default; the embedded demo asks for it, a MySQL start only when told.
      SEED_DEMO: z.enum(['true', 'false']).optional(),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
      // Every service writes a V8 CPU profile there when it stops (how docs/performance.md was profiled).
      CPU_PROFILE_DIR: z.string().optional(),
    },
    source,
  );
  const ports = env as unknown as Record<string, number>;
  const SEED_DEMO = env.SEED_DEMO ?? (env.DB_URL ? 'false' : 'true');
  return { ...env, SEED_DEMO, subgraphPorts: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, ports[s.portVar]])) };
}
export type StartEnv = ReturnType<typeof loadStartEnv>;

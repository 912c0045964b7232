import { migrateSchema } from '@credit/shared';
import { SUBGRAPHS } from './services';

/**
 * What `pnpm migrate` does, run by the supervisor of `pnpm start` / `pnpm dev` before any service
 * starts, and the environment the services then get: without the migration account.
 */
export async function migratePlatform(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<NodeJS.ProcessEnv> {
  if (env.DB_URL) {
    for (const s of SUBGRAPHS) {
      const applied = await migrateSchema({
        service: s.name,
        migrations: s.migrations,
        dbUrl: env.DB_URL,
        migrateUrl: env.DB_MIGRATE_URL ?? env.DB_URL,
      });
      if (applied.length) log(`${s.name}: applied ${applied.join(', ')}`);
    }
  }
  // No service (the gateway least of all) holds the account that can alter the schema.
  const services = { ...env };
  delete services.DB_MIGRATE_URL;
  return services;
}

import { z } from 'zod';
import { ConfigError } from '../config/env';
import { runMain } from '../server/bootSubgraph';
import { migrateSchema } from './database';

const mysqlUrl = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined)
  .refine((v) => v === undefined || /^mysql:\/\/[^/]+/.test(v), { message: 'must be a mysql:// URL' });

/**
 * `node subgraphs/<name>/dist/migrate.js`: the migration job of one subgraph (`pnpm migrate` runs all
 * four, compose's `migrate` service too). DB_MIGRATE_URL applies the migrations and grants DB_URL's
 * account its rights; without it (development) DB_URL's account does both. SQLite needs no job.
 */
export function runMigrateMain(service: string, migrations: (new () => object)[]): void {
  runMain(`${service}-migrate`, async () => {
    const parsed = z.object({ DB_URL: mysqlUrl, DB_MIGRATE_URL: mysqlUrl }).safeParse(process.env);
    if (!parsed.success) {
      throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    }
    const { DB_URL, DB_MIGRATE_URL } = parsed.data;
    if (!DB_URL) {
      if (DB_MIGRATE_URL) throw new ConfigError(["DB_URL: the services' account is needed to grant it its rights"]);
      process.stdout.write(`${service}: embedded SQLite builds its schema on start; nothing to migrate\n`);
      return;
    }
    const applied = await migrateSchema({ service, migrations, dbUrl: DB_URL, migrateUrl: DB_MIGRATE_URL ?? DB_URL });
    process.stdout.write(
      `${service}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema already current'}` +
        `${DB_MIGRATE_URL ? "; DB_URL's account granted its rights" : ''}\n`,
    );
  });
}

import {
  authConfigFromEnv,
  bootSubgraph,
  createServiceClient,
  type BootedSubgraph,
  type Logger,
  type SubgraphDeps,
} from '@credit/shared';
import { recordChangeFeed, type RecordChangeFeed } from './changeFeed/changeFeed';
import type { DomainCatalogue, SourceUnitDirectory } from './catalogue/entitiesDirectory';
import {
  createContext,
  createServices,
  entitiesDirectoryFromEnv,
  type RecordsContext,
  type RecordsServices,
} from './context';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
import type { RecordsEnv } from './env';
import { buildRecordsSchema } from './schema';
import { talliesMissing } from './aggregates/tallyMaintenance';
import { seedDemoRecords } from './seed/demoRecords';
import { importRoutes } from './import/importRoutes';

export type RecordsApp = BootedSubgraph<RecordsServices> & {
  /** Record changes on their way to reports (issued reports' currency). */
  changeFeed: RecordChangeFeed;
};

export interface RecordsAppOptions {
  logger?: Logger;
  sqliteFile?: string;
  /** Replaces the entities-backed catalogue and unit register (the default calls ENTITIES_URL). */
  directory?: DomainCatalogue & SourceUnitDirectory;
}

/** Builds the records subgraph (not listening): tests bind port 0, main.ts the configured port. */
export async function createRecordsApp(env: RecordsEnv, opts: RecordsAppOptions = {}): Promise<RecordsApp> {
  const { directory, ...boot } = opts;
  // One set of upload routes serves both the GET and the POST side.
  let imports: ReturnType<typeof importRoutes> | undefined;
  const importsOf = (services: RecordsServices, deps: SubgraphDeps) =>
    (imports ??= importRoutes(services, deps, env.IMPORT_MAX_BYTES));
  const app = await bootSubgraph<RecordsContext, RecordsServices>({
    name: SERVICE_NAME,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // A history's page and summary reads travel in one round trip (RecordRows).
    multipleStatements: true,
    buildSchema: buildRecordsSchema,
    createServices: ({ dataSource, subjectChanges, sharedCache, logger }) =>
      createServices(
        dataSource,
        env,
        directory ?? entitiesDirectoryFromEnv(env, { shared: sharedCache, logger }),
        subjectChanges,
      ),
    extendContext: createContext,
    routes: (services, deps) => importsOf(services, deps).get,
    postRoutes: (services, deps) => importsOf(services, deps).post,
    // A test directory replaces the entities calls altogether.
    callees: directory ? [] : [env.ENTITIES_URL],
    onReady: async (services, { logger }) => {
      if (env.SEED_DEMO) {
        const seeded = await seedDemoRecords(services.db);
        if (seeded.records) logger.info(seeded, 'demo records seeded');
      }
      if (await talliesMissing(services.db))
        logger.warn('statistics and quality tallies are empty while records exist: run pnpm stats:rebuild');
    },
    ...boot,
  });
  const reports = env.REPORTS_URL
    ? createServiceClient({
        url: env.REPORTS_URL,
        service: SERVICE_NAME,
        auth: authConfigFromEnv(env),
        token: env.SERVICE_TOKEN,
      })
    : null;
  if (!reports) app.logger.warn('REPORTS_URL is not set: record changes wait in the outbox until it is');
  const changeFeed = recordChangeFeed(app.dataSource, reports, {
    pollMs: env.OUTBOX_POLL_MS,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    logger: app.logger.child({ component: 'change-feed' }),
  });
  changeFeed.start();
  const shutdown = app.shutdown;
  return Object.assign(app, {
    changeFeed,
    async shutdown() {
      await changeFeed.stop();
      await shutdown();
    },
  });
}

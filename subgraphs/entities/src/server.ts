import {
  authConfigFromEnv,
  bootSubgraph,
  CatalogueChanges,
  createServiceClient,
  type BootedSubgraph,
  type Logger,
} from '@credit/shared';
import { auditSources } from './auditTrail/auditTrail.service';
import { commitmentBreachFeed, type CommitmentBreachFeed } from './commitment/breachFeed';
import { createContext, createServices, type EntitiesContext, type EntitiesServices } from './context';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
import { guideRoutes } from './guides/guidePage';
import type { EntitiesEnv } from './env';
import { buildEntitiesSchema } from './schema';
import { seedDemoData } from './seed/demoSeed';
import { calendarCoverageGauge, calendarCoverageWarning } from './workingCalendar/calendarCoverage';

export type EntitiesApp = BootedSubgraph<EntitiesServices> & {
  /** Commitment breaches on their way to reports (webhooks to report subscribers). */
  breachFeed: CommitmentBreachFeed;
};

/** Builds the entities subgraph (not listening): tests bind port 0, main.ts the configured port. */
export async function createEntitiesApp(
  env: EntitiesEnv,
  opts: { logger?: Logger; sqliteFile?: string } = {},
): Promise<EntitiesApp> {
  const app = await bootSubgraph<EntitiesContext, EntitiesServices>({
    name: SERVICE_NAME,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    buildSchema: buildEntitiesSchema,
    createServices: ({ dataSource, subjectChanges, sharedCache }) =>
      createServices(
        dataSource,
        auditSources(
          { records: env.RECORDS_URL, reports: env.REPORTS_URL, objections: env.OBJECTIONS_URL },
          authConfigFromEnv(env),
        ),
        subjectChanges,
        new CatalogueChanges(sharedCache),
      ),
    extendContext: createContext,
    routes: (services) => guideRoutes(services.guides),
    healthWarnings: (services, { metrics }) => {
      calendarCoverageGauge(metrics, services.workingCalendar);
      return [calendarCoverageWarning(services.workingCalendar)];
    },
    callees: [env.RECORDS_URL, env.REPORTS_URL, env.OBJECTIONS_URL],
    onReady: async (services, { logger }) => {
      const added = await services.domains.ensureCatalogue();
      if (added) logger.info({ domains: added }, 'domain catalogue loaded');
      const years = await services.workingCalendar.ensureShippedYears();
      if (years.length) logger.info({ years }, 'working calendar years loaded');
      const guides = await services.guides.ensureGuides();
      if (guides) logger.info({ guides }, 'service guides loaded');
      if (env.SEED_DEMO) {
        const seeded = await seedDemoData(services.db, services.catalogueChanges);
        if (seeded.subjects || seeded.matters) logger.info(seeded, 'demo data seeded');
      }
    },
    ...opts,
  });
  const reports = env.REPORTS_URL
    ? createServiceClient({
        url: env.REPORTS_URL,
        service: SERVICE_NAME,
        auth: authConfigFromEnv(env),
        token: env.SERVICE_TOKEN,
      })
    : null;
  if (!reports) app.logger.warn('REPORTS_URL is not set: commitment breaches wait in the outbox until it is');
  const breachFeed = commitmentBreachFeed(app.dataSource, reports, {
    pollMs: env.OUTBOX_POLL_MS,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    logger: app.logger.child({ component: 'breach-feed' }),
  });
  breachFeed.start();
  const shutdown = app.shutdown;
  return Object.assign(app, {
    breachFeed,
    async shutdown() {
      await breachFeed.stop();
      await shutdown();
    },
  });
}

import { bootSubgraph, type BootedSubgraph, type Logger } from '@credit/shared';
import { createContext, createServices, type ObjectionsContext, type ObjectionsServices } from './context';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
import type { ObjectionsEnv } from './env';
import type { PassResult } from '@credit/shared';
import { buildObjectionsSchema } from './schema';
import { assessmentRoutes } from './assessment/assessmentRoutes';
import { objectionTalliesMissing } from './aggregates/objectionTallies';
import { seedDemoObjections } from './seed/demoSeed';
import { seedDemoFeedback } from './seed/feedbackSeed';

export type ObjectionsApp = BootedSubgraph<ObjectionsServices> & {
  /** Delivers every outbox row deliverable now, ignoring back-off (tests; "retry now"). */
  drainOutbox(): Promise<PassResult>;
  /** Resolves when the demo seed (if any) has finished or given up. */
  seeded: Promise<unknown>;
};

/**
 * Builds the objections subgraph (not listening): tests bind port 0, main.ts the configured port.
 * The outbox worker starts once the app is built and stops before the database closes.
 */
export async function createObjectionsApp(
  env: ObjectionsEnv,
  opts: { logger?: Logger; sqliteFile?: string; clock?: () => Date } = {},
): Promise<ObjectionsApp> {
  let seeded: Promise<unknown> = Promise.resolve();
  const app = await bootSubgraph<ObjectionsContext, ObjectionsServices>({
    name: SERVICE_NAME,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    buildSchema: buildObjectionsSchema,
    // Evidence travels base64-encoded inside the mutation: every file at its bound, plus the rest.
    maxBodyBytes: Math.ceil(env.MAX_EVIDENCE_BYTES * env.MAX_EVIDENCE_FILES * 1.4) + 1_000_000,
    createServices: ({ dataSource, logger, sharedCache }) =>
      createServices(dataSource, env, logger, { clock: opts.clock, sharedCache }),
    extendContext: createContext,
    callees: [env.RECORDS_URL, env.ENTITIES_URL, env.REPORTS_URL],
    routes: (services, deps) => assessmentRoutes(services, deps),
    onReady: async (services, { logger }) => {
      if (await objectionTalliesMissing(services.db))
        logger.warn('objection statistics tallies are empty while objections exist: run pnpm stats:rebuild');
      if (!env.SEED_DEMO) return;
      // Records may still be starting: seed in the background, and only log when it cannot.
      seeded = seedDemoObjections(services, logger)
        .then((r) => r.created && logger.info(r, 'demo objections seeded'))
        .catch((err: unknown) =>
          logger.warn({ err: (err as Error).message }, 'demo objections not seeded (records unreachable?)'),
        )
        .then(() => seedDemoFeedback(services, logger))
        .then((r) => r && r.created && logger.info(r, 'demo consultations and complaints seeded'))
        .catch((err: unknown) =>
          logger.warn({ err: (err as Error).message }, 'demo complaints not seeded (entities unreachable?)'),
        );
    },
    logger: opts.logger,
    sqliteFile: opts.sqliteFile,
  });
  app.services.worker.start();
  const shutdown = app.shutdown;
  return Object.assign(app, {
    seeded,
    drainOutbox: () => app.services.worker.drain(),
    async shutdown() {
      await seeded;
      await app.services.worker.stop();
      await shutdown();
    },
  });
}

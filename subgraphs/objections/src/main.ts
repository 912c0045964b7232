import 'reflect-metadata';
import { runMain, serveSubgraph } from '@credit/shared';
import { loadObjectionsEnv } from './env';
import { createObjectionsApp } from './server';

runMain('objections', async () => {
  const env = loadObjectionsEnv(process.env);
  const app = await createObjectionsApp(env);
  await serveSubgraph(app, env.OBJECTIONS_PORT, {
    records: env.RECORDS_URL,
    entities: env.ENTITIES_URL,
    reports: env.REPORTS_URL,
  });
});

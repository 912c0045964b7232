import 'reflect-metadata';
import { runMain, serveSubgraph } from '@credit/shared';
import { loadRecordsEnv } from './env';
import { createRecordsApp } from './server';

runMain('records', async () => {
  const env = loadRecordsEnv(process.env);
  const app = await createRecordsApp(env);
  await serveSubgraph(app, env.RECORDS_PORT, { entities: env.ENTITIES_URL });
});

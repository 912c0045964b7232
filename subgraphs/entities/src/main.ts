import 'reflect-metadata';
import { runMain, serveSubgraph } from '@credit/shared';
import { loadEntitiesEnv } from './env';
import { createEntitiesApp } from './server';

runMain('entities', async () => {
  const env = loadEntitiesEnv(process.env);
  const app = await createEntitiesApp(env);
  await serveSubgraph(app, env.ENTITIES_PORT);
});

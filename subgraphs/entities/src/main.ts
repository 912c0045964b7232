import 'reflect-metadata';
import { closeServer, listen, runMain } from '@credit/shared';
import { loadEntitiesEnv } from './env';
import { createEntitiesApp } from './server';

runMain('entities', async () => {
  const env = loadEntitiesEnv(process.env);
  const app = await createEntitiesApp(env);
  const port = await listen(app.http, env.ENTITIES_PORT);
  app.logger.info({ port, db: app.dataSource.options.type, cache: app.cache.kind }, 'entities subgraph listening');
  const stop = async () => {
    await closeServer(app.http);
    await app.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

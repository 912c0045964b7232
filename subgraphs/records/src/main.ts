import 'reflect-metadata';
import { closeServer, listen, runMain } from '@credit/shared';
import { loadRecordsEnv } from './env';
import { createRecordsApp } from './server';

runMain('records', async () => {
  const env = loadRecordsEnv(process.env);
  const app = await createRecordsApp(env);
  const port = await listen(app.http, env.RECORDS_PORT);
  app.logger.info({ port, db: app.dataSource.options.type, cache: app.cache.kind, entities: env.ENTITIES_URL }, 'records subgraph listening');
  const stop = async () => {
    await closeServer(app.http);
    await app.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

import 'reflect-metadata';
import { closeServer, listen, runMain } from '@credit/shared';
import { loadObjectionsEnv } from './env';
import { createObjectionsApp } from './server';

runMain('objections', async () => {
  const env = loadObjectionsEnv(process.env);
  const app = await createObjectionsApp(env);
  const port = await listen(app.http, env.OBJECTIONS_PORT);
  app.logger.info({ port, db: app.dataSource.options.type, cache: app.cache.kind, records: env.RECORDS_URL }, 'objections subgraph listening');
  const stop = async () => {
    await closeServer(app.http);
    await app.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

import 'reflect-metadata';
import { closeServer, listen, runMain } from '@credit/shared';
import { loadReportsEnv } from './env';
import { createReportsApp } from './server';

runMain('reports', async () => {
  const env = loadReportsEnv(process.env);
  const app = await createReportsApp(env);
  const port = await listen(app.http, env.REPORTS_PORT);
  app.logger.info({ port, db: app.dataSource.options.type, cache: app.cache.kind, signingKey: app.services.keyring.activeKid }, 'reports subgraph listening');
  const stop = async () => {
    await closeServer(app.http);
    await app.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

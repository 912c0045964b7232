import 'reflect-metadata';
import { runMain, serveSubgraph } from '@credit/shared';
import { loadReportsEnv } from './env';
import { createReportsApp } from './server';

runMain('reports', async () => {
  const env = loadReportsEnv(process.env);
  const app = await createReportsApp(env);
  await serveSubgraph(app, env.REPORTS_PORT, { signingKey: app.services.keyring.activeKid });
});

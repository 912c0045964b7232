import { readFileSync } from 'node:fs';
import { closeServer, createLogger, listen, runMain } from '@credit/shared';
import { loadGatewayEnv, routingOverrides } from './env';
import { createGateway } from './gateway';

runMain('gateway', async () => {
  const env = loadGatewayEnv(process.env);
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const supergraphSdl = readFileSync(env.SUPERGRAPH_FILE, 'utf8');
  const app = await createGateway({ env, supergraphSdl, logger, routing: routingOverrides(env) });
  const port = await listen(app.http, env.GATEWAY_PORT);
  logger.info({ port }, 'gateway listening');
  const stop = async () => {
    await closeServer(app.http);
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

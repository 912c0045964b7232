import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { closeServer, createLogger, listen, runMain } from '@credit/shared';
import { loadGatewayEnv, routingOverrides } from './env';
import { createGateway } from './gateway';

runMain('gateway', async () => {
  const env = loadGatewayEnv(process.env);
  const logger = createLogger('gateway', env.LOG_LEVEL);
  // Query planning and result shaping are CPU work: with GATEWAY_WORKERS > 1 the primary only
  // forks workers that share the port. The gateway keeps no state of its own (Redis holds it).
  if (env.GATEWAY_WORKERS > 1 && cluster.isPrimary) {
    for (let i = 0; i < env.GATEWAY_WORKERS; i++) cluster.fork();
    cluster.on('exit', (worker, code) => {
      logger.error({ pid: worker.process.pid, code }, 'gateway worker exited');
      if (!stopping) process.exit(1);
    });
    let stopping = false;
    const stop = () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 2000).unref();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    logger.info({ workers: env.GATEWAY_WORKERS, port: env.GATEWAY_PORT }, 'gateway primary started');
    return;
  }
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

import { authConfigFromEnv, DEMO_SUBJECTS, signEmbeddedToken, type TokenClaims } from '@credit/shared';
import { platformServices, ServiceProcesses } from './serviceProcesses';
import { loadStartEnv } from './startEnv';

let processes: ServiceProcesses | undefined;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await processes?.stopAll();
  process.exit(code);
}

/** Starts every subgraph and then the gateway as separate processes; Ctrl-C stops them all. */
async function main() {
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  const common = loadStartEnv(process.env);
  const started = Date.now();
  processes = new ServiceProcesses(
    platformServices(common),
    { ...process.env, SEED_DEMO: common.SEED_DEMO, LOG_LEVEL: common.LOG_LEVEL },
    (name, how) => {
      console.error(`${name} stopped (${how}); stopping the platform`);
      void stop(1);
    },
  );
  await processes.startAll();
  const routing = processes.routing;
  const gatewayPort = common.GATEWAY_PORT;

  const auth = authConfigFromEnv(common);
  const demo: [string, TokenClaims][] = [
    [
      `SUBJECT (${DEMO_SUBJECTS.ENTERPRISE.name})`,
      { role: 'SUBJECT', creditCode: DEMO_SUBJECTS.ENTERPRISE.creditCode },
    ],
    ['OPERATOR (service window)', { role: 'OPERATOR', operatorId: 'window-520100-01', channel: 'SERVICE_WINDOW' }],
    ['PARTNER (another province)', { role: 'PARTNER', partnerId: 'sc-credit', province: '510000' }],
    ['SOURCE_UNIT (GZ-D07 market regulation)', { role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }],
    ['LEAD_DEPARTMENT', { role: 'LEAD_DEPARTMENT' }],
    ['ANALYST', { role: 'ANALYST' }],
  ];
  const lines = [
    '',
    `Credit report platform is up in ${((Date.now() - started) / 1000).toFixed(1)}s (${common.DB_URL ? 'MySQL' : 'embedded SQLite'}, ${common.REDIS_URL ? 'Redis' : 'in-memory cache'})`,
    `  GraphQL gateway:  http://localhost:${gatewayPort}/graphql`,
    ...processes.services
      .filter((s) => s.name !== 'gateway')
      .map((s) => `  ${s.name} subgraph: ${routing[`${s.name.toUpperCase()}_URL`]}`),
    `  Demo subject:     ${DEMO_SUBJECTS.ENTERPRISE.creditCode} ${DEMO_SUBJECTS.ENTERPRISE.name}`,
    '',
    'Demo tokens (send as "Authorization: Bearer <token>"; valid 12 h):',
  ];
  if (auth.secret) {
    for (const [label, claims] of demo) lines.push(`  ${label}:`, `    ${await signEmbeddedToken(claims, auth)}`);
  } else {
    lines.push('  (a public key is configured: use tokens from your identity provider)');
  }
  lines.push('', 'Ctrl-C stops every process.', '');
  console.log(lines.join('\n'));
}

main().catch(async (err) => {
  console.error(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
});

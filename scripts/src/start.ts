import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  authConfigFromEnv,
  DEMO_SUBJECTS,
  ensurePlatformAccounts,
  signEmbeddedToken,
  type TokenClaims,
} from '@credit/shared';
import { platformServices, root, ServiceProcesses } from './serviceProcesses';
import { loadStartEnv } from './startEnv';
import { migratePlatform } from './migratePlatform';

let processes: ServiceProcesses | undefined;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await processes?.stopAll();
  process.exit(code);
}

const log = (line: string) => console.error(`[supervisor ${new Date().toISOString()}] ${line}`);

/**
 * MySQL mode with an administrative DB_URL (e.g. root) and no DB_MIGRATE_URL: create the platform's
 * two accounts and run the services as the least-privilege one (no UPDATE/DELETE on audit_log, no DDL);
 * the migration account runs migrations. Passwords are generated once and kept in DATA_DIR.
 */
async function databaseAccounts(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  if (!env.DB_URL || env.DB_MIGRATE_URL) return {};
  const dir = resolve(root, env.DATA_DIR ?? 'data');
  const file = join(dir, 'mysql-accounts.json');
  const saved: { appPassword: string; migratePassword: string } = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : { appPassword: randomBytes(18).toString('base64url'), migratePassword: randomBytes(18).toString('base64url') };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(saved), { mode: 0o600 });
  // MySQL user names are at most 32 characters.
  const prefix = (decodeURIComponent(new URL(env.DB_URL).pathname.slice(1)) || 'credit').slice(0, 23);
  try {
    const accounts = await ensurePlatformAccounts({
      adminUrl: env.DB_URL,
      appUser: `${prefix}_app`,
      appPassword: saved.appPassword,
      migrateUser: `${prefix}_migrate`,
      migratePassword: saved.migratePassword,
    });
    return { DB_URL: accounts.appUrl, DB_MIGRATE_URL: accounts.migrateUrl };
  } catch (err) {
    console.error(
      `could not create the database accounts as DB_URL's user (${(err as Error).message}); ` +
        'the services run as that user. Give DB_URL an administrative account, or set DB_MIGRATE_URL.',
    );
    return {};
  }
}

/** Starts every subgraph and then the gateway as separate processes, supervised; Ctrl-C stops them all. */
async function main() {
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  const common = loadStartEnv(process.env);
  const started = Date.now();
  const admin: NodeJS.ProcessEnv = { ...process.env, SEED_DEMO: common.SEED_DEMO, LOG_LEVEL: common.LOG_LEVEL };
  Object.assign(admin, await databaseAccounts(admin));
  // The migration account stays with this supervisor.
  const env = await migratePlatform(admin, log);
  let up = false;
  processes = new ServiceProcesses(platformServices(common), env, (name, how) => {
    // During start-up a crash is an error; once up, a crashed service is restarted with back-off.
    if (!up) {
      console.error(`${name} stopped (${how}) while starting; stopping the platform`);
      void stop(1);
      return;
    }
    processes!.recover(name, how, log, common.RESTART_BACKOFF_MS);
  });
  await processes.startAll();
  up = true;
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
  const names = processes.services.map((s) => s.name);
  const lines = [
    '',
    `Credit report platform is up in ${((Date.now() - started) / 1000).toFixed(1)}s (${common.DB_URL ? 'MySQL' : 'embedded SQLite'}, ${process.env.REDIS_CLUSTER_NODES ? 'Redis Cluster' : common.REDIS_URL ? 'Redis' : 'in-memory cache'})`,
    `  GraphQL gateway:  http://localhost:${gatewayPort}/graphql`,
    `  Web console:      http://localhost:${gatewayPort}/  (GraphiQL: /graphiql)`,
    ...names.filter((n) => n !== 'gateway').map((n) => `  ${n} subgraph: ${routing[`${n.toUpperCase()}_URL`]}`),
    common.SEED_DEMO === 'true'
      ? `  Demo subject:     ${DEMO_SUBJECTS.ENTERPRISE.creditCode} ${DEMO_SUBJECTS.ENTERPRISE.name}`
      : '  Demo data:        not seeded (SEED_DEMO=true seeds an empty database)',
    '',
    'Demo tokens (send as "Authorization: Bearer <token>"; valid 12 h):',
  ];
  if (auth.secret) {
    for (const [label, claims] of demo) lines.push(`  ${label}:`, `    ${await signEmbeddedToken(claims, auth)}`);
  } else {
    lines.push('  (a public key is configured: use tokens from your identity provider)');
  }
  lines.push(
    '',
    `Processes: ${names.map((n) => `${n} ${processes!.pid(n)}`).join(', ')}`,
    'A service that dies is restarted (back-off 0.5 s … 30 s). Ctrl-C stops every process.',
    '',
  );
  console.log(lines.join('\n'));
}

main().catch(async (err) => {
  console.error(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
});

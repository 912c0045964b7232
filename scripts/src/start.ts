import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  authConfigFromEnv,
  ensurePlatformAccounts,
  parseEnv,
  signEmbeddedToken,
  type TokenClaims,
} from '@credit/shared';
import { DEMO_SUBJECTS } from '@credit/shared';
import { GATEWAY_PORT, SUBGRAPHS } from './services';
import { Supervisor } from './supervisor';

const root = resolve(__dirname, '../..');

// CPU_PROFILE_DIR: every service writes a V8 CPU profile there when it stops (how docs/performance.md was profiled).
const profileArgs = () =>
  process.env.CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE_DIR}`] : [];

// RESTART_BACKOFF_MS: first restart delay of a crashed service (doubles per crash in a row, up to 30 s).
const supervisor = new Supervisor({ cwd: root, backoffMs: Number(process.env.RESTART_BACKOFF_MS ?? 500) || 500 });
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await supervisor.stop();
  process.exit(code);
}

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

/** Starts every subgraph and then the gateway as separate processes; Ctrl-C stops them all. */
async function main() {
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The services never seed by default; the embedded demo asks for it, a MySQL start only when told.
    SEED_DEMO: process.env.SEED_DEMO ?? (process.env.DB_URL ? 'false' : 'true'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const common = parseEnv({}, env);
  Object.assign(env, await databaseAccounts(env));
  const started = Date.now();
  // Every service learns every subgraph's URL up front: later subgraphs call earlier ones
  // (records -> entities) and entities reads the others' audit logs once they are up.
  const routing: Record<string, string> = Object.fromEntries(
    SUBGRAPHS.map((s) => [
      `${s.name.toUpperCase()}_URL`,
      `http://127.0.0.1:${Number(env[s.portVar] ?? s.port)}/graphql`,
    ]),
  );
  for (const s of SUBGRAPHS) {
    const port = Number(env[s.portVar] ?? s.port);
    await supervisor.start({
      name: s.name,
      script: `${s.dir}/dist/main.js`,
      env: { ...routing, ...env, [s.portVar]: String(port) },
      url: `http://127.0.0.1:${port}`,
      nodeArgs: profileArgs(),
    });
  }
  const gatewayPort = Number(env.GATEWAY_PORT ?? GATEWAY_PORT);
  await supervisor.start({
    name: 'gateway',
    script: 'gateway/dist/main.js',
    env: { ...routing, ...env, GATEWAY_PORT: String(gatewayPort) },
    url: `http://127.0.0.1:${gatewayPort}`,
    nodeArgs: profileArgs(),
  });
  // From here a crashed service is restarted with back-off instead of stopping the platform.
  supervisor.superviseAll();

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
    ...SUBGRAPHS.map((s) => `  ${s.name} subgraph: ${routing[`${s.name.toUpperCase()}_URL`]}`),
    env.SEED_DEMO === 'true'
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
    `Processes: ${[...SUBGRAPHS.map((s) => s.name), 'gateway'].map((n) => `${n} ${supervisor.pid(n)}`).join(', ')}`,
    'A service that dies is restarted (back-off 0.5 s … 30 s). Ctrl-C stops every process.',
    '',
  );
  console.log(lines.join('\n'));
}

main().catch(async (err) => {
  console.error(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createClient } from 'redis';
import { EMBEDDED_JWT_SECRET, openDatabase, signEmbeddedToken, type TokenClaims } from '../src';

/**
 * Test harness shared by every package's tests. Tests read the run mode from the environment:
 * with DB_URL / REDIS_URL set (CI's second pass) they use MariaDB and Redis, otherwise SQLite
 * files and memory. Each call gets its own schema prefix so parallel workers never collide.
 */
export const usingMysql = Boolean(process.env.DB_URL);
export const usingRedis = Boolean(process.env.REDIS_URL);

export const TEST_AUTH = { issuer: 'gz-credit-platform', audience: 'gz-credit-graph', secret: EMBEDDED_JWT_SECRET };

let counter = 0;
/** A fresh environment: its own SQLite directory, or its own MySQL schema prefix. */
export function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const id = `t${process.pid.toString(36)}${Date.now().toString(36).slice(-5)}${(counter++).toString(36)}`;
  let dbUrl: string | undefined;
  if (process.env.DB_URL) {
    const url = new URL(process.env.DB_URL);
    url.pathname = `/${id}`;
    dbUrl = url.toString();
  }
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'credit-test-')),
    DB_URL: dbUrl,
    REDIS_URL: process.env.REDIS_URL,
    SEED_DEMO: 'false',
    CACHE_PREFIX: id,
    // 200 ms fails fast in production; on a test machine running every suite at once a slow command
    // would turn a cache read into a bypass and a test into a flake (the Redis fault test sets 200).
    REDIS_COMMAND_TIMEOUT_MS: '2000',
    ...extra,
  };
}

/**
 * A database of the run mode holding just `entities` (schema from them), in `env`'s own MySQL schema
 * or SQLite directory: for tests of the database helpers themselves. Drop it with dropTestSchemas(env).
 */
export async function openTestDatabase(
  service: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
  env: Record<string, string | undefined>,
  options: { multipleStatements?: boolean; poolSize?: number } = {},
) {
  const ds = await openDatabase({
    service,
    entities,
    migrations: [],
    dbUrl: env.DB_URL,
    dataDir: env.DATA_DIR!,
    sqliteFile: usingMysql ? undefined : join(env.DATA_DIR!, `${service}.sqlite`),
    ...options,
  });
  await ds.synchronize();
  return ds;
}

/** Drops every MySQL schema created for `env` (no-op on SQLite, whose files live in a temp dir). */
export async function dropTestSchemas(env: Record<string, string | undefined>): Promise<void> {
  if (!env.DB_URL) return;
  const url = new URL(env.DB_URL);
  const prefix = url.pathname.slice(1);
  const conn = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
  try {
    const [rows] = await conn.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${prefix}\\_%`],
    );
    for (const r of rows as { name: string }[]) await conn.query(`DROP DATABASE \`${r.name}\``);
  } finally {
    await conn.end();
  }
}

/** A connection to the MySQL server of `env` as its DB_URL account, outside any schema (fault tests). */
export function mysqlConnection(env: Record<string, string | undefined>) {
  const url = new URL(env.DB_URL!);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
}

/**
 * Deletes every key of one cache namespace from the Redis at `redisUrl`, as a restart would lose
 * them, without touching other users of a shared Redis (other namespaces).
 */
export async function forgetCacheNamespace(redisUrl: string, namespace: string): Promise<number> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    let deleted = 0;
    for await (const keys of client.scanIterator({ MATCH: `${namespace}:*`, COUNT: 500 })) {
      if (keys.length) deleted += await client.del(keys);
    }
    return deleted;
  } finally {
    await client.quit();
  }
}

export const tokenFor = (claims: TokenClaims, expiresIn: string | number = '1h') =>
  signEmbeddedToken(claims, TEST_AUTH, expiresIn);

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** POSTs one GraphQL operation the way a browser client would. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: GqlResponse['errors'] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, headers: res.headers, data: body.data ?? undefined, errors: body.errors };
}

/** First error code of a response, for compact assertions. */
export const errorCode = (r: GqlResponse): string | undefined => r.errors?.[0]?.extensions?.code;

import { closeServer, listen } from '../src/server/httpServer';
import type { Server } from 'node:http';

/** Starts an app built by a subgraph's `createXApp` on a free port; `stop` also drops its schemas. */
export async function startApp<A extends { http: Server; shutdown(): Promise<void> }>(
  create: (env: Record<string, string | undefined>) => Promise<A>,
  extraEnv: Record<string, string | undefined> = {},
): Promise<{ app: A; url: string; env: Record<string, string | undefined>; stop(): Promise<void> }> {
  const env = testEnv(extraEnv);
  const app = await create(env);
  const port = await listen(app.http, 0, '127.0.0.1');
  return {
    app,
    env,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await closeServer(app.http);
      await app.shutdown();
      await dropTestSchemas(env);
    },
  };
}

/**
 * The text of a PDF file as poppler's pdftotext sets it out (`-layout` unless other options are
 * given). A machine without it is told the command that installs it, not `spawnSync pdftotext ENOENT`.
 */
export function pdftotext(file: string, options: string[] = ['-layout']): string {
  try {
    // env given: the PATH a test sets is the one searched (jest's process.env is its own copy).
    return execFileSync('pdftotext', [...options, file, '-'], { encoding: 'utf8', env: process.env });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('pdftotext is missing: apt-get install -y poppler-utils');
    throw err;
  }
}

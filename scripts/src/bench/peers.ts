import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnGrafbaseDev, writeGrafbaseConfig } from '../grafbase';

const root = resolve(__dirname, '../../..');

/** The committed supergraph with its routing URLs pointed at the subgraphs actually running. */
export function supergraphFor(urls: Record<string, string>, dir: string): string {
  let sdl = readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    sdl = sdl.replace(new RegExp(`(name: "${name}", url: ")[^"]+`), `$1${url}`);
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'supergraph.graphql');
  writeFileSync(file, sdl);
  return file;
}

/**
 * Refuses a port something already listens on: the peer would fail to bind, and whatever answers
 * there (another developer's gateway) would be measured in its place.
 */
export async function assertPortFree(port: number, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`port ${port} for ${name} is in use; choose other peer ports with --peer-ports`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

async function waitFor(url: string, child: ChildProcess, name: string, output?: () => string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}${output ? `:\n${output()}` : ''}`);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (res.ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not start at ${url}`);
}

export interface Peer {
  name: string;
  url: string;
  /** The peer's process; its descendants (workers, forks) are counted with it for CPU. */
  pid?: number;
  stop(): void;
}

/** new ApolloGateway({ supergraphSdl }) on @apollo/server, in its own process. */
export async function startPlainGateway(supergraphFile: string, port: number): Promise<Peer> {
  await assertPortFree(port, 'the plain gateway');
  const child = spawn(process.execPath, [join(__dirname, 'plainGateway.js'), supergraphFile, String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url, child, 'plain gateway');
  return { name: 'plain @apollo/gateway', url, pid: child.pid, stop: () => child.kill() };
}

/**
 * Hive Gateway (npm @graphql-hive/gateway) with the same supergraph, forwarding the bearer token.
 * With `rustPlanner`, its query planning runs in Hive Router's Rust planner
 * (`@graphql-hive/router-runtime`); null when that package is not installed.
 */
export async function startHiveGateway(
  supergraphFile: string,
  port: number,
  dir: string,
  rustPlanner = false,
): Promise<Peer | null> {
  let runtimeImport = '';
  if (rustPlanner) {
    let runtime: string;
    try {
      runtime = require.resolve('@graphql-hive/router-runtime');
    } catch {
      return null;
    }
    runtimeImport = `import { unifiedGraphHandler } from ${JSON.stringify(pathToFileURL(runtime).href)};\n`;
  }
  await assertPortFree(port, rustPlanner ? 'Hive Gateway with the Rust planner' : 'Hive Gateway');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'gateway.config.mjs'),
    `${runtimeImport}export const gatewayConfig = {
  supergraph: ${JSON.stringify(supergraphFile)},
  port: ${port},
  logging: 'error',${rustPlanner ? '\n  unifiedGraphHandler,' : ''}
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }) },
};\n`,
  );
  const bin = join(root, 'scripts/node_modules/.bin/hive-gateway');
  const child = spawn(bin, ['supergraph', supergraphFile, '--port', String(port)], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const name = rustPlanner ? 'Hive Gateway, Rust planner' : 'Hive Gateway';
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url, child, name);
  return { name, url, pid: child.pid, stop: () => child.kill() };
}

/**
 * Grafbase, the Rust gateway (`grafbase dev` of the Grafbase CLI 0.103, from npm): grafbase.toml in
 * `dir` with each subgraph's committed schema routed to the URL running, the bearer token and the
 * request id forwarded to every subgraph. `dev` is the CLI's way to run the Grafbase engine locally;
 * the standalone grafbase-gateway binary is not published to npm.
 */
export async function startGrafbase(urls: Record<string, string>, port: number, dir: string): Promise<Peer> {
  await assertPortFree(port, 'Grafbase');
  const { child, output } = spawnGrafbaseDev(writeGrafbaseConfig(dir, urls), port, dir);
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url, child, 'Grafbase', output);
  return { name: 'Grafbase', url, pid: child.pid, stop: () => child.kill() };
}

/** Our own gateway again with the response cache off: what the cache adds, measured in the same run. */
export async function startOurGatewayUncached(
  supergraphFile: string,
  port: number,
  routing: Record<string, string>,
): Promise<Peer> {
  await assertPortFree(port, 'our gateway without response cache');
  const child = spawn(process.execPath, [join(root, 'gateway/dist/main.js')], {
    cwd: root,
    // The other peers limit no rate; one lead token sending the list at full speed must not be refused here either.
    env: {
      ...process.env,
      ...routing,
      GATEWAY_PORT: String(port),
      SUPERGRAPH_FILE: supergraphFile,
      RESPONSE_CACHE: 'off',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_PRINCIPAL: '1000000000',
      RATE_LIMIT_ANONYMOUS_PER_IP: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url, child, 'our gateway (no response cache)');
  return { name: 'ours, no response cache', url, pid: child.pid, stop: () => child.kill() };
}

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The Grafbase CLI (npm `@grafbase/cli-x86_64-unknown-linux-musl`, a devDependency of scripts/): the
 * Rust gateway Grafbase composing and serving our committed subgraph schemas, as a benchmark peer
 * (bench/peers.ts) and as a second composer that they must satisfy (grafbaseCompose.test.ts).
 */
const root = resolve(__dirname, '../..');

/** Every subgraph, in the order of gateway/supergraph.yaml. */
export const GRAFBASE_SUBGRAPHS = ['entities', 'records', 'reports', 'objections'] as const;

/** The CLI's binary, shipped inside its npm package (nothing is downloaded). */
export function grafbaseBinary(): string {
  return join(dirname(require.resolve('@grafbase/cli-x86_64-unknown-linux-musl/package.json')), 'grafbase');
}

const tomlString = (s: string) => JSON.stringify(s); // TOML basic strings escape as JSON does

/**
 * grafbase.toml: each subgraph from its committed `schema.graphql` (or the file in `schemaPaths`),
 * routed to the URL given, and the caller's token forwarded to every subgraph (the subgraphs verify
 * it again), with the request id when the client sends one, as our gateway forwards them.
 */
export function grafbaseConfig(urls: Record<string, string>, schemaPaths: Record<string, string> = {}): string {
  return [
    '# Written by scripts/src/grafbase.ts: the committed subgraph schemas, routed to the subgraphs running.',
    '[[headers]]',
    'rule = "forward"',
    'name = "authorization"',
    '',
    '[[headers]]',
    'rule = "forward"',
    'name = "x-request-id"',
    '',
    ...Object.entries(urls).flatMap(([name, url]) => [
      `[subgraphs.${name}]`,
      `url = ${tomlString(url)}`,
      `schema_path = ${tomlString(schemaPaths[name] ?? join(root, 'subgraphs', name, 'schema.graphql'))}`,
      '',
    ]),
  ].join('\n');
}

/** Writes grafbase.toml into `dir` and returns its path. */
export function writeGrafbaseConfig(dir: string, urls: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'grafbase.toml');
  writeFileSync(file, grafbaseConfig(urls));
  return file;
}

export interface GrafbaseComposition {
  /** The CLI's exit code: 0 composed, 1 composition errors, 101 a panic (Rust's exit code for one). */
  code: number;
  /** The federated SDL when composed; the composition errors otherwise (the CLI prints both on stdout). */
  stdout: string;
  stderr: string;
}

/** `grafbase compose`: offline, from the schema files alone; nothing is called. */
export function composeWithGrafbase(configFile: string, home: string): Promise<GrafbaseComposition> {
  return new Promise((resolveResult, reject) => {
    execFile(
      grafbaseBinary(),
      ['--home', home, 'compose', '-c', configFile],
      { cwd: dirname(configFile), env: { ...process.env, HOME: home }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        if (code === null) reject(err);
        else resolveResult({ code, stdout, stderr });
      },
    );
  });
}

/**
 * `grafbase dev -c grafbase.toml -p PORT`: the Grafbase engine serving the composed graph at
 * `http://127.0.0.1:PORT/graphql`. Its home (the unpacked local UI, the CLI's state) goes in `dir`.
 * `output()` is the end of what it printed (composition errors go to its standard output).
 */
export function spawnGrafbaseDev(
  configFile: string,
  port: number,
  dir: string,
): { child: ChildProcess; output: () => string } {
  const home = join(dir, 'home');
  const child = spawn(grafbaseBinary(), ['--home', home, 'dev', '-c', configFile, '-p', String(port)], {
    cwd: dir,
    // `dev` unpacks its local UI into $HOME/.grafbase whatever --home says: keep it in `dir` too.
    env: { ...process.env, HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let tail = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  });
  return { child, output: () => tail };
}

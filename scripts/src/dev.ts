import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadGatewayEnv } from '@credit/gateway';
import { platformServices, root, ServiceProcesses, type ServiceSpec } from './serviceProcesses';
import { loadStartEnv } from './startEnv';
import { migratePlatform } from './migratePlatform';

/** Hash of the JavaScript a package's build emitted: tsc rewrites only what changed. */
function fingerprint(dir: string, extra: string[] = []): string {
  const hash = createHash('sha1');
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js') || e.name.endsWith('.json')) hash.update(p).update(readFileSync(p));
    }
  };
  walk(join(root, dir, 'dist'));
  for (const f of extra) {
    try {
      hash.update(f).update(readFileSync(join(root, f)));
    } catch {
      // absent: nothing to compare
    }
  }
  return hash.digest('hex');
}

/**
 * `pnpm dev`: `tsc -b -w` rebuilds on every save; after each build, every service whose
 * JavaScript changed restarts (all of them when shared changed; the gateway also when the
 * supergraph changed). A service that fails to start waits for the next build instead of
 * stopping the others.
 */
async function main() {
  const common = loadStartEnv(process.env);
  const services = platformServices(common);
  const supergraph = loadGatewayEnv(process.env).SUPERGRAPH_FILE;
  const prints = (s: ServiceSpec) => fingerprint(s.dir, s.name === 'gateway' ? [supergraph] : []);
  let shared = fingerprint('shared');
  const last = new Map(services.map((s) => [s.name, prints(s)]));

  const env = await migratePlatform(process.env, (line) => console.error(`[dev] ${line}`));
  const processes = new ServiceProcesses(
    services,
    { ...env, SEED_DEMO: common.SEED_DEMO, LOG_LEVEL: common.LOG_LEVEL },
    (name, how) => console.error(`[dev] ${name} stopped (${how}); it restarts after the next successful build`),
  );
  const tsc = spawn(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc', { paths: [root] }),
      '-b',
      'tsconfig.build.json',
      '-w',
      '--preserveWatchOutput',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    tsc.kill('SIGTERM');
    await processes.stopAll();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  tsc.on('exit', (code) => {
    if (!stopping) {
      console.error(`[dev] tsc -w stopped (code ${code})`);
      void stop(1);
    }
  });

  // Restarts run one after another; builds that finish meanwhile are folded into the next round.
  let queue: Promise<void> = processes.startAll().then(
    () => console.log(`[dev] platform up: http://localhost:${common.GATEWAY_PORT}/graphql (Ctrl-C stops)`),
    (err: Error) => console.error(`[dev] ${err.message}; waiting for the next build`),
  );
  const afterBuild = () => {
    queue = queue.then(async () => {
      const sharedNow = fingerprint('shared');
      const changed = services.filter(
        (s) => sharedNow !== shared || prints(s) !== last.get(s.name) || !processes.isRunning(s.name),
      );
      shared = sharedNow;
      for (const s of changed) {
        last.set(s.name, prints(s));
        console.log(`[dev] restarting ${s.name}`);
        try {
          await processes.restart(s.name);
        } catch (err) {
          console.error(`[dev] ${(err as Error).message}; waiting for the next build`);
        }
      }
    });
  };
  for await (const line of createInterface({ input: tsc.stdout })) {
    console.log(`[tsc] ${line}`);
    // tsc -w ends every build with "Found N errors. Watching for file changes."
    if (/Watching for file changes/.test(line)) afterBuild();
  }
}

main().catch((err) => {
  console.error(`dev failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

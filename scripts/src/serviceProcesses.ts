import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { SUBGRAPHS } from './services';
import type { StartEnv } from './startEnv';

export const root = resolve(__dirname, '../..');

/** One process of the platform: a subgraph or the gateway. */
export interface ServiceSpec {
  name: string;
  /** Its build output directory: `pnpm dev` restarts the service when it changes. */
  dir: string;
  script: string;
  port: number;
  portVar: string;
}

/** Every subgraph in start order, then the gateway, on the ports the environment asks for. */
export function platformServices(env: StartEnv): ServiceSpec[] {
  return [
    ...SUBGRAPHS.map((s) => ({
      name: s.name,
      dir: s.dir,
      script: `${s.dir}/dist/main.js`,
      port: env.subgraphPorts[s.name],
      portVar: s.portVar,
    })),
    {
      name: 'gateway',
      dir: 'gateway',
      script: 'gateway/dist/main.js',
      port: env.GATEWAY_PORT,
      portVar: 'GATEWAY_PORT',
    },
  ];
}

async function waitReady(name: string, url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} (its log is above)`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000}s`);
}

const exited = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r));

/**
 * The platform's processes: started in order, each waited for until ready, stopped together.
 * `onUnexpectedExit` decides what a crash means (`pnpm start` stops everything, `pnpm dev` waits
 * for the next build); a restart asked for is not a crash.
 */
export class ServiceProcesses {
  private readonly running = new Map<string, ChildProcess>();
  private readonly crashes = new Map<string, { count: number; startedAt: number; timer?: NodeJS.Timeout }>();
  private readonly expected = new Set<ChildProcess>();
  private stopping = false;
  /** Every service learns every subgraph's URL up front (records -> entities, the merged audit trail). */
  readonly routing: Record<string, string>;

  constructor(
    readonly services: ServiceSpec[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly onUnexpectedExit: (name: string, how: string) => void,
  ) {
    this.routing = Object.fromEntries(
      services
        .filter((s) => s.name !== 'gateway')
        .map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`]),
    );
  }

  async startAll(): Promise<void> {
    for (const s of this.services) await this.start(s.name);
  }

  async start(name: string): Promise<void> {
    const s = this.spec(name);
    const gateway = this.spec('gateway');
    const profile = this.env.CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${this.env.CPU_PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, s.script], {
      cwd: root,
      // GATEWAY_PORT for everyone: reports' links follow it when PUBLIC_BASE_URL is unset.
      env: { ...this.routing, ...this.env, [s.portVar]: String(s.port), GATEWAY_PORT: String(gateway.port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.running.set(name, child);
    this.crashes.set(name, { count: this.crashes.get(name)?.count ?? 0, startedAt: Date.now() });
    child.on('exit', (code, signal) => {
      if (!this.stopping && !this.expected.delete(child)) this.onUnexpectedExit(name, signal ?? `code ${code}`);
    });
    await waitReady(name, `http://127.0.0.1:${s.port}`, child);
  }

  pid(name: string): number | undefined {
    return this.running.get(name)?.pid;
  }

  /**
   * What `pnpm start` does with a crash: start the service again after a back-off (0.5 s, doubling
   * to 30 s; a service up for a minute starts over at 0.5 s), and log it.
   */
  recover(name: string, how: string, log: (line: string) => void): void {
    const c = this.crashes.get(name) ?? { count: 0, startedAt: 0 };
    c.count = Date.now() - c.startedAt > 60_000 ? 1 : c.count + 1;
    const delay = Math.min(30_000, 500 * 2 ** (c.count - 1));
    log(`${name} exited (${how}); restart ${c.count} in ${(delay / 1000).toFixed(1)} s`);
    const died = Date.now();
    c.timer = setTimeout(() => {
      if (this.stopping) return;
      this.running.delete(name);
      this.start(name).then(
        () =>
          log(`${name} is back (pid ${this.pid(name)}), ${((Date.now() - died) / 1000).toFixed(1)} s after it died`),
        (err: Error) => log(`${name} restart did not become ready: ${err.message}`),
      );
    }, delay);
    this.crashes.set(name, c);
  }

  isRunning(name: string): boolean {
    const c = this.running.get(name);
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }

  async restart(name: string): Promise<void> {
    await this.halt(name);
    await this.start(name);
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const c of this.crashes.values()) clearTimeout(c.timer);
    await Promise.all([...this.running.keys()].map((n) => this.halt(n)));
  }

  private async halt(name: string): Promise<void> {
    const child = this.running.get(name);
    if (!child) return;
    this.running.delete(name);
    if (child.exitCode !== null || child.signalCode !== null) return;
    this.expected.add(child);
    child.kill('SIGTERM');
    await exited(child);
  }

  private spec(name: string): ServiceSpec {
    const s = this.services.find((x) => x.name === name);
    if (!s) throw new Error(`no service named ${name}`);
    return s;
  }
}

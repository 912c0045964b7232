import { spawn, type ChildProcess } from 'node:child_process';

export interface ServiceSpec {
  name: string;
  /** Node script to run (relative to cwd). */
  script: string;
  env: NodeJS.ProcessEnv;
  /** Base URL answering GET /health/ready. */
  url: string;
  nodeArgs?: string[];
}

export interface SupervisorOptions {
  cwd: string;
  /** First restart delay; doubles per crash in a row up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A service up this long after a restart counts as healthy again (the back-off starts over). */
  stableMs?: number;
  log?: (line: string) => void;
}

interface Supervised {
  spec: ServiceSpec;
  child: ChildProcess;
  crashes: number;
  startedAt: number;
  timer?: NodeJS.Timeout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What `pnpm start` runs its services under: each is started in order and waited for; once the
 * platform is up, a service that dies is started again after a back-off (0.5 s, 1 s, 2 s … 30 s),
 * and the restart is logged. `stop()` ends every service and stops restarting.
 */
export class Supervisor {
  private readonly services = new Map<string, Supervised>();
  private stopping = false;
  private supervising = false;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: SupervisorOptions) {
    this.log = opts.log ?? ((line) => console.error(`[supervisor ${new Date().toISOString()}] ${line}`));
  }

  /** Starts one service and waits until it is ready; during the initial start a crash is an error. */
  async start(spec: ServiceSpec, timeoutMs = 120_000): Promise<void> {
    const s: Supervised = { spec, child: this.spawn(spec), crashes: 0, startedAt: Date.now() };
    this.services.set(spec.name, s);
    await waitReady(spec, s.child, timeoutMs);
  }

  /** From now on, crashed services are restarted. */
  superviseAll(): void {
    this.supervising = true;
  }

  pid(name: string): number | undefined {
    return this.services.get(name)?.child.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const all = [...this.services.values()];
    for (const s of all) clearTimeout(s.timer);
    for (const s of all) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
    await Promise.all(
      all.map((s) =>
        s.child.exitCode !== null || s.child.signalCode !== null ? null : new Promise((r) => s.child.once('exit', r)),
      ),
    );
  }

  private spawn(spec: ServiceSpec): ChildProcess {
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
      cwd: this.opts.cwd,
      env: spec.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => this.exited(spec.name, child, code, signal));
    return child;
  }

  private exited(name: string, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    const s = this.services.get(name);
    if (this.stopping || !this.supervising || !s || s.child !== child) return;
    // Exit code 0 is a stop someone asked for (SIGINT/SIGTERM to that process), not a crash.
    if (code === 0) {
      this.log(`${name} stopped (code 0); not restarted`);
      return;
    }
    const stable = this.opts.stableMs ?? 60_000;
    s.crashes = Date.now() - s.startedAt > stable ? 1 : s.crashes + 1;
    const delay = Math.min(this.opts.maxBackoffMs ?? 30_000, (this.opts.backoffMs ?? 500) * 2 ** (s.crashes - 1));
    this.log(`${name} exited (${signal ?? `code ${code}`}); restart ${s.crashes} in ${(delay / 1000).toFixed(1)} s`);
    const died = Date.now();
    s.timer = setTimeout(() => {
      if (this.stopping) return;
      s.child = this.spawn(s.spec);
      s.startedAt = Date.now();
      const restarted = s.child;
      waitReady(s.spec, restarted, 120_000).then(
        () =>
          this.log(
            `${name} is back (pid ${restarted.pid}), ${((Date.now() - died) / 1000).toFixed(1)} s after it died`,
          ),
        (err: Error) => this.log(`${name} restart did not become ready: ${err.message}`),
      );
    }, delay);
  }
}

async function waitReady(spec: ServiceSpec, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.name} exited with ${child.signalCode ?? `code ${child.exitCode}`} (its log is above)`);
    }
    try {
      const res = await fetch(`${spec.url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${spec.name} was not ready at ${spec.url} within ${timeoutMs / 1000}s`);
}

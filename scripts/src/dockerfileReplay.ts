import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

/**
 * CI has no Docker engine (and no registry to pull node:20-bookworm from), so the image build is
 * proven by replaying the Dockerfile: every stage in an empty folder standing for its WORKDIR, each
 * COPY copying what it names (from the build context minus .dockerignore, or from an earlier stage),
 * each RUN run there with /bin/sh. A RUN that needs a file no COPY brought fails here as it fails in
 * `docker build` (the lockfile's patches, issue 27). Base images are not replayed: the stage runs on
 * this machine's Node and Debian, the images' own; `npm install -g pnpm@X` checks the version instead.
 */

export interface Instruction {
  op: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  from: string;
  steps: Instruction[];
}

/** The Dockerfile's stages and instructions (comments dropped, continued lines joined). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i++;
      if (/^\s*#/.test(lines[i])) continue;
      line = `${line.replace(/\\\s*$/, '')}${lines[i]}`;
    }
    const m = /^\s*(\w+)\s+([\s\S]*)$/.exec(line);
    if (!m) throw new Error(`Dockerfile line ${start}: cannot read "${line}"`);
    const op = m[1].toUpperCase();
    const args = m[2].trim();
    if (op === 'FROM') {
      const [from, , name] = args.split(/\s+/);
      stages.push({ name: name ?? String(stages.length), from, steps: [] });
      continue;
    }
    if (!stages.length) throw new Error(`Dockerfile line ${start}: ${op} before FROM`);
    stages[stages.length - 1].steps.push({ op, args, line: start });
  }
  return stages;
}

/** .dockerignore as a test of a context-relative path (a pattern also excludes what is under a match). */
export function dockerIgnore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => {
      const negated = p.startsWith('!');
      const body = (negated ? p.slice(1) : p).replace(/^\/+|\/+$/g, '');
      const source = body
        .split('/')
        .map((part) =>
          part === '**'
            ? '(?:.*)'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
      return { negated, re: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const p of patterns) if (p.re.test(path)) ignored = !p.negated;
    return ignored;
  };
}

/** The sources of a COPY in the context: a name, or a `*` pattern in its last part. */
function contextSources(context: string, source: string): string[] {
  const path = source.replace(/^\.\/?/, '') || '.';
  if (!path.includes('*')) return [join(context, path)];
  const dir = join(context, dirname(path));
  const re = new RegExp(
    `^${basename(path)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  const found = readdirSync(dir)
    .filter((f) => re.test(f))
    .map((f) => join(dir, f));
  if (!found.length) throw new Error(`COPY ${source}: no file matches in the build context`);
  return found;
}

interface ReplayOptions {
  context: string;
  dockerfile: string;
  /** Keep the stages' folders (printed) instead of removing them. */
  keep?: boolean;
  log?: (line: string) => void;
}

/** Replays every stage in order; throws at the first instruction that fails, naming its line. */
export function replayDockerfile(opts: ReplayOptions): void {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const context = resolve(opts.context);
  const ignorePath = existsSync(`${opts.dockerfile}.dockerignore`)
    ? `${opts.dockerfile}.dockerignore`
    : join(context, '.dockerignore');
  const ignored = existsSync(ignorePath) ? dockerIgnore(readFileSync(ignorePath, 'utf8')) : () => false;
  const stages = parseDockerfile(readFileSync(opts.dockerfile, 'utf8'));
  const root = mkdtempSync(join(tmpdir(), 'dockerfile-replay-'));
  const dirs = new Map<string, { dir: string; workdir: string }>();
  try {
    for (const stage of stages) {
      const dir = join(root, stage.name);
      mkdirSync(dir, { recursive: true });
      let workdir = '/';
      const env: Record<string, string> = {};
      // A stage's filesystem root stands in for "/" (only paths under the WORKDIR are ever used).
      const inStage = (path: string) => join(dir, path.startsWith('/') ? path : join(workdir, path));
      dirs.set(stage.name, { dir, workdir });
      log(`--- stage ${stage.name} (FROM ${stage.from}) in ${dir}`);
      for (const step of stage.steps) {
        const where = `${opts.dockerfile}:${step.line} ${step.op} ${step.args.split('\n')[0]}`;
        if (step.op === 'WORKDIR') {
          workdir = step.args.startsWith('/') ? step.args : join(workdir, step.args);
          mkdirSync(inStage(workdir), { recursive: true });
          dirs.set(stage.name, { dir, workdir });
        } else if (step.op === 'ENV') {
          for (const m of step.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
        } else if (step.op === 'COPY') {
          const words = step.args.split(/\s+/);
          const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
          const [dest, ...sources] = words.filter((w) => !w.startsWith('--')).reverse();
          sources.reverse();
          const target = inStage(dest);
          const intoDir = dest.endsWith('/') || sources.length > 1;
          for (const source of sources) {
            let paths: string[];
            let filter: ((src: string) => boolean) | undefined;
            if (from) {
              const other = dirs.get(from);
              if (!other) throw new Error(`${where}: no earlier stage ${from}`);
              paths = [join(other.dir, source)];
            } else {
              paths = contextSources(context, source);
              filter = (src) => {
                const rel = relative(context, src);
                return rel === '' || !ignored(rel.split('\\').join('/'));
              };
            }
            for (const path of paths) {
              if (!existsSync(path)) throw new Error(`${where}: ${source} does not exist (ENOENT ${path})`);
              if (!from && !filter!(path)) throw new Error(`${where}: ${source} is excluded by .dockerignore`);
              const isDir = statSync(path).isDirectory();
              const to = isDir ? target : intoDir ? join(target, basename(path)) : target;
              mkdirSync(isDir ? to : dirname(to), { recursive: true });
              cpSync(path, to, { recursive: true, filter, verbatimSymlinks: true });
            }
          }
        } else if (step.op === 'RUN') {
          const pnpm = /^npm install -g pnpm@(\S+)$/.exec(step.args);
          if (pnpm) {
            const have = spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).stdout.trim();
            if (have !== pnpm[1])
              throw new Error(`${where}: the image installs pnpm ${pnpm[1]}, this machine has ${have}`);
            log(`${where}: pnpm ${have} is here`);
            continue;
          }
          log(`${where}`);
          const run = spawnSync('/bin/sh', ['-c', step.args], {
            cwd: inStage(workdir),
            stdio: 'inherit',
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', CI: 'true', ...env },
          });
          if (run.status !== 0) throw new Error(`${where}: exited ${run.status ?? run.signal}`);
        }
        // FROM's image, USER, HEALTHCHECK, CMD, EXPOSE, ARG: nothing to replay outside an engine.
      }
    }
    log(`the Dockerfile's ${stages.length} stages replayed`);
  } finally {
    if (opts.keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const root = resolve(__dirname, '../..');
  try {
    replayDockerfile({
      context: root,
      dockerfile: join(root, args.find((a) => !a.startsWith('--')) ?? 'docker/Dockerfile'),
      keep: args.includes('--keep'),
    });
  } catch (err) {
    process.stderr.write(`dockerfile replay failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

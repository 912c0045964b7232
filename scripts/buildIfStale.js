// Runs `tsc -b` only when a source is newer than its project's last build, so that commands like
// `pnpm -s token` start at once on a current build. Plain JavaScript: it runs before any build.
const { spawnSync } = require('node:child_process');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Newest modification time of the files a project's build reads (tests are not built). */
function newestSource(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name) && !e.name.endsWith('.test.ts')) newest = Math.max(newest, mtime(p) ?? 0);
    }
  };
  walk(join(dir, 'src'));
  for (const f of [join(dir, 'tsconfig.json'), join(root, 'tsconfig.base.json'), join(root, 'tsconfig.build.json')]) {
    newest = Math.max(newest, mtime(f) ?? 0);
  }
  return newest;
}

function staleProjects() {
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
  return build.references
    .map((r) => join(root, r.path))
    .filter((dir) => {
      const built = mtime(join(dir, 'dist', '.tsbuildinfo'));
      return built === undefined || newestSource(dir) > built;
    });
}

const stale = staleProjects();
if (stale.length) {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  // Build output goes to stderr: callers such as `pnpm -s token` keep stdout for their answer.
  const r = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  process.exit(r.status ?? 1);
}

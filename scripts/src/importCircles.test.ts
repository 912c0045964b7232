import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// No module may import itself through others (type-only imports count too: they tie the files
// together for every reader). A circle of five gateway files once hid GatewayContext in gateway.ts.
const ROOT = join(__dirname, '..', '..');
const SOURCES = [
  'gateway/src',
  'shared/src',
  ...['entities', 'records', 'reports', 'objections'].map((s) => `subgraphs/${s}/src`),
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e: Dirent) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : tsFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports and re-exports of each file, resolved to the files they name. */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((f) => {
      const deps: string[] = [];
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const base = resolve(dirname(f), m[1]);
        const target = [`${base}.ts`, join(base, 'index.ts')].find((t) => known.has(t));
        if (target) deps.push(target);
      }
      return [f, deps];
    }),
  );
}

function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('import circles', () => {
  it.each(SOURCES)('%s has none', (dir) => {
    const files = tsFiles(join(ROOT, dir)).map((f) => resolve(f));
    expect(files.length).toBeGreaterThan(0);
    const found = circles(importGraph(files)).map((c) => c.map((f) => relative(ROOT, f)).join(' -> '));
    expect(found).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});

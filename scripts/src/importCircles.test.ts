import { join, relative, resolve } from 'node:path';
import { importGraph, tsFiles } from './importGraph';

// No module may import itself through others (type-only imports count too: they tie the files
// together for every reader). A circle of five gateway files once hid GatewayContext in gateway.ts.
const ROOT = join(__dirname, '..', '..');
const SOURCES = [
  'gateway/src',
  'shared/src',
  ...['entities', 'records', 'reports', 'objections'].map((s) => `subgraphs/${s}/src`),
];

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

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLIENTS, generateClients, generatedPath } from './clients';

// The typed internal clients against the callees' committed schemas: what `pnpm compose:check`
// and `pnpm codegen:check` compare, and what happens when a callee changes a field a client uses.
const root = resolve(__dirname, '../..');
const committed = (subgraph: string) => readFileSync(join(root, 'subgraphs', subgraph, 'schema.graphql'), 'utf8');
const changing =
  (subgraph: string, from: string | RegExp, to: string) =>
  (name: string): string => {
    const sdl = committed(name);
    if (name !== subgraph) return sdl;
    const changed = sdl.replace(from, to);
    if (changed === sdl) throw new Error(`the test's change of ${subgraph} matched nothing`);
    return changed;
  };

describe('generated internal clients', () => {
  it('are committed as generated from the committed schemas', async () => {
    const files = await generateClients(root, committed);
    expect(files.map(([path]) => path)).toEqual(CLIENTS.map((c) => generatedPath(c.name)));
    for (const [path, text] of files) expect(readFileSync(join(root, path), 'utf8')).toBe(text);
  });

  it('fail to generate when the callee renames a field an operation uses', async () => {
    await expect(
      generateClients(root, changing('records', 'internalClearObjection(', 'internalClearMark(')),
    ).rejects.toThrow(/records client does not fit the records schema[\s\S]*internalClearObjection/);
  });

  it('fail to generate when the callee drops a field a client selects', async () => {
    await expect(
      generateClients(
        root,
        changing(
          'entities',
          /\n {2}regionCode: String!\n\n {2}"""Codes of the domains/,
          '\n\n  """Codes of the domains',
        ),
      ),
    ).rejects.toThrow(/entities client does not fit the entities schema[\s\S]*regionCode/);
  });

  it('come out different, so the committed one is stale, when the callee changes a field type', async () => {
    const files = await generateClients(root, changing('entities', '  breached: Boolean!', '  breached: String!'));
    const entities = files.find(([path]) => path === generatedPath('entities'))![1];
    expect(entities).not.toBe(readFileSync(join(root, generatedPath('entities')), 'utf8'));
    expect(entities).toContain('internalCommitmentStatus: { breached: string');
  });

  it('must fit every subgraph that serves the same operation', async () => {
    await expect(
      generateClients(
        root,
        changing('reports', /(internalAuditEntries\([^)]*\)): \[AuditRecord!\]!/, '$1: [AuditRecord!]'),
      ),
    ).rejects.toThrow('the auditLog client differs between records, reports, objections');
  });
});

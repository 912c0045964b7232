import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { printFederatedSchema, subgraphSchemaFromSdl } from '@credit/shared';
import { Kind, parse, print, type DirectiveNode } from 'graphql';
import { composeWithGrafbase, GRAFBASE_SUBGRAPHS, grafbaseConfig } from './grafbase';

// The committed subgraph schemas must compose under Grafbase (its CLI's offline `grafbase compose`)
// as they do under Apollo's composition: Grafbase is a benchmark peer, and a schema only one
// composer accepts is a schema tied to one vendor.
const root = resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grafbase-compose-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const urls = Object.fromEntries(GRAFBASE_SUBGRAPHS.map((name, k) => [name, `http://127.0.0.1:${4001 + k}/graphql`]));

async function compose(name: string, schemaPaths: Record<string, string> = {}, routed = urls) {
  const file = join(dir, `${name}.toml`);
  writeFileSync(file, grafbaseConfig(routed, schemaPaths));
  return composeWithGrafbase(file, join(dir, 'home'));
}

/** Every type, field (with its type), argument (with its type), enum value and union member a client can see. */
function apiCoordinates(sdl: string): string[] {
  const hidden = (n: { directives?: readonly DirectiveNode[] }) =>
    (n.directives ?? []).some((d) => d.name.value === 'inaccessible');
  const out: string[] = [];
  for (const def of parse(sdl).definitions) {
    if (!('name' in def) || !def.name || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const t = def.name.value;
    if (hidden(def) || /^(join__|link__)/.test(t)) continue;
    out.push(`${def.kind} ${t}`);
    for (const f of 'fields' in def ? (def.fields ?? []) : []) {
      if (hidden(f)) continue;
      out.push(`${t}.${f.name.value}: ${print(f.type)}`);
      for (const a of 'arguments' in f ? (f.arguments ?? []) : [])
        if (!hidden(a)) out.push(`${t}.${f.name.value}(${a.name.value}: ${print(a.type)})`);
    }
    for (const v of 'values' in def ? (def.values ?? []) : []) if (!hidden(v)) out.push(`${t}.${v.name.value}`);
    for (const m of 'types' in def ? (def.types ?? []) : []) out.push(`${t} = ${m.name.value}`);
  }
  return out.sort();
}

describe('the committed subgraph schemas under Grafbase', () => {
  it('compose, to the API schema our gateway serves', async () => {
    const r = await compose('committed');
    expect(r.stderr).not.toMatch(/panicked/);
    expect(r.code).toBe(0);
    // Entities own Subject; the other three extend it by its key, and records' fields are routed there.
    expect(r.stdout).toMatch(
      /type Subject\n {2}@join__type\(graph: ENTITIES, key: "creditCode"\)\n {2}@join__type\(graph: OBJECTIONS, key: "creditCode"\)\n {2}@join__type\(graph: RECORDS, key: "creditCode"\)\n {2}@join__type\(graph: REPORTS, key: "creditCode"\)/,
    );
    expect(r.stdout).toMatch(/\n {2}recordSummary\(.*\): RecordSummary! @join__field\(graph: RECORDS\)\n/);
    // What clients see through Grafbase is what they see through our gateway (its API schema,
    // generated from the Apollo-composed supergraph), internal fields hidden in both.
    const ours = apiCoordinates(readFileSync(join(root, 'console/src/graphql/generated/schema.graphql'), 'utf8'));
    expect(ours.length).toBeGreaterThan(1000);
    expect(apiCoordinates(r.stdout)).toEqual(ours);
    expect(ours).not.toContain('Query.internalCommitmentStatus: InternalCommitmentStatus!');
  });

  it('fail when a field of an @inaccessible type is visible (Grafbase requires it @inaccessible too)', async () => {
    const entities = readFileSync(join(root, 'subgraphs/entities/schema.graphql'), 'utf8');
    const visible = entities.replace('breaches: [CommitmentBreach!]! @inaccessible', 'breaches: [CommitmentBreach!]!');
    expect(visible).not.toBe(entities);
    writeFileSync(join(dir, 'entities.graphql'), visible);
    const r = await compose('visible', { entities: join(dir, 'entities.graphql') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/InternalCommitmentStatus\.breaches` is of an @inaccessible type/);
  });

  it('compose descriptions shorter than six bytes as printFederatedSchema prints them (block strings would panic)', async () => {
    const sdl = `
      type Query {
        """名"""
        amount(
          """1-20"""
          first: Int
        ): Money
      }

      """Yuan"""
      type Money {
        value: String
      }`;
    const raw = join(dir, 'raw.graphql');
    writeFileSync(raw, sdl);
    const one = { entities: urls.entities };
    const panicked = await compose('raw', { entities: raw }, one);
    expect(panicked.code).toBe(101);
    expect(panicked.stderr).toMatch(/capacity overflow/);

    const printed = printFederatedSchema(subgraphSchemaFromSdl(sdl));
    expect(printed).toContain('type Query {\n  "名"\n  amount(\n    "1-20"\n    first: Int\n  ): Money\n}');
    expect(printed).toContain('"Yuan"\ntype Money {');
    writeFileSync(raw, printed);
    const composed = await compose('printed', { entities: raw }, one);
    expect(composed.code).toBe(0);
    expect(composed.stdout).toMatch(/"""\s*Yuan\s*"""\s*type Money/);
    expect(composed.stdout).toMatch(/"""\s*名\s*"""\s*amount/);
  });
});

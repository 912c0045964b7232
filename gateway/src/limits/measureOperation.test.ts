import { buildSchema, getOperationAST, parse } from 'graphql';
import { costVariables, measureOperation } from './measureOperation';

const schema = buildSchema(`
  type Query { subject(code: String!): Subject  subjects(first: Int): SubjectConnection  regions: [Region!]! }
  type Subject { code: String! name: String! records(first: Int): RecordConnection  region: Region }
  type Region { code: String! }
  type SubjectConnection { edges: [SubjectEdge!]! }
  type SubjectEdge { node: Subject! }
  type RecordConnection { edges: [RecordEdge!]! }
  type RecordEdge { node: Record! }
  type Record { id: ID! }
`);

const measure = (q: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(q);
  return measureOperation(schema, doc, getOperationAST(doc)!, variables, 20);
};

describe('measureOperation', () => {
  it('measures depth through fragments and inline fragments', () => {
    const m = measure(
      `query { subject(code: "x") { ...S } } fragment S on Subject { region { ... on Region { code } } }`,
    );
    expect(m.depth).toBe(3);
  });

  it('counts aliases and root fields, ignoring introspection', () => {
    const m = measure('{ a: regions { code } b: regions { c: code } __typename subject(code: "x") { name } }');
    expect(m).toMatchObject({ aliases: 3, rootFields: 3 });
  });

  it('weights paged fields by their first argument, including from variables', () => {
    const small = measure('query($n: Int) { subjects(first: $n) { edges { node { code name } } } }', { n: 10 });
    const large = measure('query($n: Int) { subjects(first: $n) { edges { node { code name } } } }', { n: 100 });
    expect(small.cost).toBe(1 + 10 * (1 + (1 + 2)));
    expect(large.cost).toBe(1 + 100 * (1 + (1 + 2)));
  });

  it('multiplies nested pages and charges the default page size when first is absent', () => {
    const nested = measure(
      '{ subjects(first: 10) { edges { node { records(first: 10) { edges { node { id } } } } } } }',
    );
    expect(nested.cost).toBe(1 + 10 * (1 + (1 + (1 + 10 * (1 + (1 + 1))))));
    expect(measure('{ regions { code } }').cost).toBe(1 + 20 * 1);
  });
});

describe('costVariables', () => {
  it('lists the variables of page sizes and @include/@skip conditions, and no other', () => {
    const doc = parse(
      `query($code: String!, $n: Int, $withName: Boolean!, $noRecords: Boolean!) {
        subject(code: $code) { name @include(if: $withName) records(first: $n) @skip(if: $noRecords) { edges { node { id } } } } }`,
    );
    expect(costVariables(doc)).toEqual(['n', 'noRecords', 'withName']);
    expect(costVariables(parse('query($code: String!) { subject(code: $code) { name } }'))).toEqual([]);
  });
});

describe('introspection', () => {
  it('costs nothing and has a depth of its own, apart from the data fields', () => {
    const m = measure('{ __schema { types { fields { type { ofType { name } } } } } regions { code } }');
    expect(m).toMatchObject({ depth: 2, introspectionDepth: 6, cost: 1 + 20 * 1 });
  });
});

import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFieldsAt, selectsField } from './selects';

const schema = buildSchema(`
  type Warning { text: String }
  type Answer { authentic: Boolean, warnings: [Warning] }
  type Query { verify: Answer }
`);

/** Runs the document and returns what selectsField said inside the root resolver. */
async function selects(document: string): Promise<boolean> {
  let said: boolean | undefined;
  const result = await execute({
    schema,
    document: parse(document),
    rootValue: {
      // A root value function gets (args, context, info).
      verify: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
        said = selectsField(info, 'warnings');
        return { authentic: true, warnings: [] };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return said!;
}

describe('selectsField', () => {
  it('sees a field selected directly, through an inline fragment and through a named fragment', async () => {
    await expect(selects('{ verify { authentic warnings { text } } }')).resolves.toBe(true);
    await expect(selects('{ verify { ... on Answer { warnings { text } } } }')).resolves.toBe(true);
    await expect(
      selects('{ verify { ...A } } fragment A on Answer { authentic ...B } fragment B on Answer { warnings { text } }'),
    ).resolves.toBe(true);
  });

  it('says no when only other fields are selected, also behind fragments', async () => {
    await expect(selects('{ verify { authentic } }')).resolves.toBe(false);
    await expect(selects('{ verify { ...A } } fragment A on Answer { authentic }')).resolves.toBe(false);
    await expect(selects('{ verify { ... on Answer { authentic } } }')).resolves.toBe(false);
  });
});

describe('selectedFieldsAt', () => {
  const schema2 = buildSchema(`
    type Node { id: ID, facts: String, status: String }
    type Edge { cursor: String, node: Node }
    type Page { edges: [Edge], total: Int }
    type Query { page: Page }
  `);
  async function nodeFields(document: string): Promise<string[]> {
    let said: Set<string> | undefined;
    const result = await execute({
      schema: schema2,
      document: parse(document),
      rootValue: {
        page: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
          said = selectedFieldsAt(info, ['edges', 'node']);
          return { edges: [] };
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return [...said!].sort();
  }

  it("collects a connection's node fields through aliases and fragments at every level", async () => {
    await expect(nodeFields('{ page { total edges { node { id status } } } }')).resolves.toEqual(['id', 'status']);
    await expect(
      nodeFields(
        '{ page { ...P } } fragment P on Page { edges { cursor ... on Edge { node { id ...N } } } } fragment N on Node { text: facts }',
      ),
    ).resolves.toEqual(['facts', 'id']);
    await expect(nodeFields('{ page { edges { node { id } } more: edges { node { facts } } } }')).resolves.toEqual([
      'facts',
      'id',
    ]);
  });

  it('is empty when no node is selected', async () => {
    await expect(nodeFields('{ page { total edges { cursor } } }')).resolves.toEqual([]);
  });
});

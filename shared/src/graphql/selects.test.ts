import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectsField } from './selects';

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

import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { printSchema, type GraphQLSchema } from 'graphql';
import {
  Arg,
  buildSchema,
  Field,
  InputType,
  Int,
  InterfaceType,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { conflict, unauthenticated } from '../errors/errors';
import { compiledExecution } from './compiledExecution';

jest.mock('graphql-jit', () => {
  const actual = jest.requireActual<typeof import('graphql-jit')>('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compileQuery = (require('graphql-jit') as { compileQuery: jest.Mock }).compileQuery;

enum Effect {
  MARK = 'MARK',
  CLEAR = 'CLEAR',
}
registerEnumType(Effect, { name: 'Effect' });

@InputType()
class FilingInput {
  @Field()
  reason!: string;

  // Non-null with a default: a caller may leave it out (graphql-jit's own coercion refuses that).
  @Field(() => Effect, { defaultValue: Effect.MARK })
  effect!: Effect;
}

@InterfaceType()
abstract class Party {
  @Field()
  name!: string;
}

@ObjectType({ implements: Party })
class Company extends Party {
  @Field(() => Int)
  staff!: number;
}

@ObjectType({ implements: Party })
class Person extends Party {
  @Field(() => String, { nullable: true })
  maskedId!: string | null;
}

@ObjectType()
class Item {
  @Field()
  label!: string;
}

@Resolver()
class TestResolver {
  @Query(() => [Party])
  parties(@Arg('first', () => Int, { defaultValue: 2 }) first: number): Party[] {
    const all = [
      Object.assign(new Company(), { name: '贵阳甲公司', staff: 12 }),
      Object.assign(new Person(), { name: '张*', maskedId: '5201**********1234' }),
      Object.assign(new Company(), { name: '遵义乙公司', staff: 3 }),
    ];
    return all.slice(0, first);
  }

  @Query(() => String)
  file(@Arg('input') input: FilingInput): string {
    return `${input.effect}:${input.reason}`;
  }

  @Query(() => String)
  refused(): string {
    throw conflict('objection O-1 is already open', { field: 'recordId' });
  }

  @Query(() => String)
  signedOut(): string {
    throw unauthenticated();
  }

  @Query(() => Item)
  broken(): Item {
    return { label: null } as unknown as Item;
  }
}

let schema: GraphQLSchema;
let compiled: ApolloServer;
let interpreted: ApolloServer;

beforeAll(async () => {
  schema = await buildSchema({ resolvers: [TestResolver], orphanedTypes: [Company, Person], validate: false });
  compiled = new ApolloServer({ gateway: compiledExecution(schema) });
  interpreted = new ApolloServer({ schema });
  await Promise.all([compiled.start(), interpreted.start()]);
});
afterAll(() => Promise.all([compiled.stop(), interpreted.stop()]));

async function both(query: string, variables?: Record<string, unknown>) {
  const run = async (s: ApolloServer) => {
    const r = await s.executeOperation({ query, variables });
    if (r.body.kind !== 'single') throw new Error('expected a single result');
    return { status: r.http.status, ...r.body.singleResult };
  };
  return { jit: await run(compiled), js: await run(interpreted) };
}

describe('compiled execution (graphql-jit behind Apollo Server)', () => {
  it('answers exactly as graphql-js: fragments, aliases, interfaces, argument defaults', async () => {
    const q = `query($n: Int) {
      first: parties { __typename name ... on Company { staff } ... on Person { maskedId } }
      three: parties(first: $n) { ...P }
    }
    fragment P on Party { name ... on Company { size: staff } }`;
    const { jit, js } = await both(q, { n: 3 });
    expect(jit.errors).toBeUndefined();
    expect(jit).toEqual(js);
    expect((jit.data as { three: unknown[] }).three).toHaveLength(3);
  });

  it('fills an omitted non-null input field from its default, as graphql-js does', async () => {
    expect(printSchema(schema)).toContain('effect: Effect! = MARK');
    const q = 'query($i: FilingInput!) { file(input: $i) }';
    const { jit, js } = await both(q, { i: { reason: '记录有误' } });
    expect(jit.data).toEqual({ file: 'MARK:记录有误' });
    expect(jit).toEqual(js);
    expect((await both(q, { i: { reason: 'x', effect: 'CLEAR' } })).jit.data).toEqual({ file: 'CLEAR:x' });
  });

  it('refuses a bad variable as BAD_USER_INPUT naming it, not as an internal error', async () => {
    const { jit, js } = await both('query($i: FilingInput!) { file(input: $i) }', { i: { effect: 'NOPE' } });
    expect(jit.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(jit.errors![0].message).toContain('"$i"');
    expect(jit).toEqual(js);
  });

  it("keeps a resolver error's code, fields and HTTP status, and codes a null in a non-null field as internal", async () => {
    const refused = await both('{ refused }');
    expect(refused.jit.errors![0]).toMatchObject({
      message: 'objection O-1 is already open',
      path: ['refused'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'CONFLICT', field: 'recordId' },
    });
    expect(refused.jit.data).toBeNull();
    const signedOut = await both('{ signedOut }');
    expect(signedOut.jit.status).toBe(401);
    expect(signedOut.js.status).toBe(401);
    const broken = await both('{ broken { label } }');
    expect(broken.jit.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(broken.jit.errors![0].path).toEqual(['broken', 'label']);
    expect(broken.jit.data).toBeNull();
  });

  it('compiles each distinct operation once, however often it runs', async () => {
    compileQuery.mockClear();
    const q = 'query Once($n: Int) { parties(first: $n) { name } }';
    for (let n = 0; n < 5; n++) await compiled.executeOperation({ query: q, variables: { n } });
    await compiled.executeOperation({ query: '{ parties { name } }' });
    expect(compileQuery).toHaveBeenCalledTimes(2);
  });
});

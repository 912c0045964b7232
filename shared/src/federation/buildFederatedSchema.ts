import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import merge from 'lodash.merge';
import { buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

/** The one Federation 2 version every subgraph speaks; composition fails loudly if they drift. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/**
 * On a root field that anyone may call without a token (`@Directive(PUBLIC_FIELD)` next to a resolver
 * without `@Authorized`): composition keeps the tag and the gateway refuses every untagged root
 * field to anonymous callers before planning.
 */
export const PUBLIC_FIELD = '@tag(name: "public")';

export type ReferenceResolvers = GraphQLResolverMap<unknown>;

/**
 * type-graphql classes -> SDL with their `@key` directives -> Federation 2 subgraph schema.
 * `referenceResolvers` holds each entity's `__resolveReference` (through a DataLoader).
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  // skipCheck: the type-graphql schema alone lacks the federation types (_Entity, _Any); the
  // subgraph builder adds them and validates the result.
  const schema = await buildSchema({ ...options, skipCheck: true });
  refuseGuardedSimpleFields();
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema({
    typeDefs,
    resolvers: merge(createResolversMap(schema), referenceResolvers) as GraphQLResolverMap<unknown>,
  });
}

/**
 * A type marked `simpleResolvers` (plain views read on hot paths: records, pages, counts) gets no
 * type-graphql resolver per field, so that its fields are plain property reads; an `@Authorized` or
 * a middleware on one of its fields would then never run. Refused when the schema is built.
 */
function refuseGuardedSimpleFields(): void {
  const storage = getMetadataStorage();
  // A field with a @FieldResolver keeps its resolver, and with it the checks.
  const resolved = (t: unknown, name: string) =>
    storage.fieldResolvers.some((r) => r.getObjectType?.() === t && r.methodName === name);
  const unguarded = storage.objectTypes.flatMap((t) =>
    (t.fields ?? [])
      .filter((f) => (f.simple ?? t.simpleResolvers) && (f.roles !== undefined || (f.middlewares?.length ?? 0) > 0))
      .filter((f) => !resolved(t.target, f.name))
      .map((f) => `${t.name}.${f.name}`),
  );
  if (unguarded.length > 0)
    throw new Error(
      `fields with @Authorized or middlewares on simpleResolvers types would be served unchecked: ${unguarded.join(', ')}`,
    );
}

/**
 * A one-line block-string description (`"""Yuan"""`) shorter than six bytes, printed as a plain
 * string (`"Yuan"`): the same description to every reader. Why: Grafbase's parser (cynic-parser, in
 * Grafbase 0.103) sizes the text it unquotes from a block string as its content's length minus six,
 * the two triple quotes it has already cut off; under six bytes that wraps around and it panics
 * ("capacity overflow"), so the subgraph could not be composed by Grafbase at all.
 */
const SHORT_BLOCK_DESCRIPTION = /^( *)"""([^"\\\n]*)"""$/gm;

/** The subgraph SDL that composition reads (committed as `schema.graphql`). */
export const printFederatedSchema = (schema: GraphQLSchema): string =>
  printSubgraphSchema(schema)
    .trim()
    .replace(SHORT_BLOCK_DESCRIPTION, (line, indent: string, text: string) =>
      Buffer.byteLength(text) < 6 ? `${indent}${JSON.stringify(text)}` : line,
    ) + '\n';

/**
 * A committed `schema.graphql` back to the schema its subgraph serves, with the federation fields
 * (`_entities`, `_Any`, `_service`) that only exist there: what the generated internal clients are
 * checked against.
 */
export const subgraphSchemaFromSdl = (sdl: string): GraphQLSchema => buildSubgraphSchema(parse(sdl));

import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations kept per process: the subgraphs see the gateway's planned operations, a bounded set. */
const MAX_COMPILED = 2000;

type Compiled = CompiledQuery | ExecutionResult;

/**
 * Runs a subgraph's operations as compiled JavaScript (graphql-jit): each distinct document is
 * compiled once into straight-line code for its selections, argument and variable coercion,
 * instead of graphql-js walking the document for every object of every request.
 *
 * Apollo Server 5 takes a custom executor only through its gateway interface, so this is a
 * "gateway" with one fixed schema. Apollo Server still parses, validates, runs every plugin and
 * formats errors; only `execute` is replaced. Resolvers, their arguments, `info` and thrown
 * errors (with their extensions) are what graphql-js would give them.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, Compiled>();
  const executor: GatewayExecutor = async (rc) => {
    const { document, operationName, request, context, queryHash } = rc;
    const key = `${queryHash}\u0000${operationName ?? ''}`;
    let c = compiled.get(key);
    if (c === undefined) {
      c = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, c);
    }
    // A document that cannot be compiled (no such operation…) answers as graphql-js would.
    if (!isCompiledQuery(c)) return c as never;
    const result = await c.query(undefined, context, request.variables ?? {});
    // Variables it could not coerce (it returns no `data` then, having run nothing): graphql-js
    // coerces them instead. graphql-jit neither fills an omitted non-null input field from its
    // default nor says which variable failed in the form Apollo codes BAD_USER_INPUT; graphql-js
    // does both, and either runs the operation or refuses it exactly as without compilation.
    if (!('data' in result))
      return (await execute({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        operationName,
      })) as never;
    if (result.errors) (result as { errors: GraphQLError[] }).errors = result.errors.map(asGraphQLJsError);
    return result as never;
  };
  let sdl: string | undefined;
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      sdl ??= printSchema(schema);
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => undefined;
    },
    async stop() {
      compiled.clear();
    },
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error had none (a null in a
 * non-null field, a plain Error), which Apollo Server's formatting does not expect: each becomes
 * the graphql-js error that graphql-js would have made, with the same message, path, locations,
 * original error and stack.
 */
function asGraphQLJsError(e: GraphQLError): GraphQLError {
  const out = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? undefined,
    extensions: e.extensions,
  });
  if (e.locations) Object.defineProperty(out, 'locations', { value: e.locations, enumerable: true });
  return out;
}

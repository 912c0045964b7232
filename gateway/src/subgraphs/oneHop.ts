import type { ApolloGateway, Experimental_DidResolveQueryPlanCallback, GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
// Not exported by the package's index; the executor's own shaping, so that answers stay identical.
import { computeResponse } from '@apollo/gateway/dist/resultShaping';
import { ERRORS, errorCodeDef, operationFromDocument, type Operation, type Schema } from '@apollo/federation-internals';
import type { ServiceMetrics } from '@credit/shared';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  visit,
  BREAK,
  type DocumentNode,
  type GraphQLFormattedError,
} from 'graphql';

type Loaded = Awaited<ReturnType<ApolloGateway['load']>>;
type Executor = Loaded['executor'];
type RequestContext = Parameters<Executor>[0];
type Result = Awaited<ReturnType<Executor>>;
type PlanInfo = Parameters<Experimental_DidResolveQueryPlanCallback>[0];

/** An operation whose whole plan is one fetch from the root: what to send where. */
interface Route {
  service: string;
  dataSource: GraphQLDataSource;
  /** The fetch node's own operation (as the planner wrote it for this subgraph), not the client's text. */
  query: string;
  operationName: string | undefined;
  variableUsages: readonly string[];
  document: DocumentNode | undefined;
  /** The client's operation over the API schema: the result is shaped by it, as the executor does. */
  shape: Operation;
  counted: { inc(): void };
}

/** Operations remembered (the decision, not the answer); beyond it the oldest is forgotten. */
const MAX_DECISIONS = 2_000;

const keyOf = (rc: { queryHash?: string; request: { operationName?: string | null } }) =>
  `${rc.queryHash}\u0000${rc.request.operationName ?? ''}`;

/** Introspection inside a planned query is answered by the executor itself: that stays on its path. */
function asksIntrospection(info: PlanInfo): boolean {
  let found = false;
  const look = {
    Field(node: { name: { value: string } }) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  };
  visit(info.operationContext.operation, look);
  for (const fragment of Object.values(info.operationContext.fragments)) if (!found) visit(fragment, look);
  return found;
}

/** As @apollo/gateway's executeQueryPlan names a subgraph's error (code, serviceName, path from the root). */
function downstreamServiceError(original: GraphQLFormattedError, serviceName: string): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = {
    originalError: original as Error,
    path: original.path ? [...original.path] : undefined,
    extensions: { ...original.extensions, serviceName },
  };
  const codeDef = errorCodeDef(original);
  if (!codeDef && original.extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

export interface OneHop {
  /** For ApolloGateway's `experimental_didResolveQueryPlan`: sees each plan the gateway builds or reuses. */
  didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback;
  /** Wraps the gateway's executor: a remembered single-fetch operation goes straight to its subgraph. */
  wrap(executor: Executor): Executor;
  /** The supergraph changed: every decision is made again. */
  forget(): void;
}

/**
 * One hop for single-subgraph operations (issue 32). An operation whose query plan is a single fetch
 * from the root (no entity fetch, no rewrites) is sent by the same data source as the executor would
 * send it — the fetch node's operation text and only its variables, the same headers, time-out,
 * metrics, in-flight sharing and cache hint — and the answer is shaped by the same `computeResponse`
 * against the API schema and its errors named as the executor names them. What is skipped is the
 * per-request work around that: the plan cache's SHA-256 key, building the operation context and the
 * federation Operation from the document again, the tracing spans, the plan walk and the merge into
 * an empty result. The decision is made from the plan the gateway itself built, seen through
 * `experimental_didResolveQueryPlan` on the operation's first (normally executed) request, and kept
 * per query hash and operation name.
 */
export function oneHop(gateway: ApolloGateway, metrics: ServiceMetrics): OneHop {
  const decisions = new Map<string, Route | null>();
  const total = metrics.counter(
    'gateway_one_hop_total',
    'Operations sent straight to their only subgraph (one-fetch plans), by subgraph',
    ['subgraph'],
  );
  const counters = new Map<string, { inc(): void }>();
  // The federation API schema the executor shapes results with (not exposed otherwise); without it
  // nothing takes one hop, and the test that counts one-hop operations fails.
  const apiSchema = () => (gateway as unknown as { apiSchema?: Schema }).apiSchema;

  const decide = (info: PlanInfo): Route | null => {
    const node = info.queryPlan.node;
    if (!node || node.kind !== 'Fetch') return null;
    if (node.requires || node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length)
      return null;
    const dataSource = info.serviceMap[node.serviceName];
    const schema = apiSchema();
    if (!dataSource || !schema || asksIntrospection(info)) return null;
    // As executeQueryPlan builds it, once per operation instead of once per request.
    const shape = operationFromDocument(
      schema,
      {
        kind: Kind.DOCUMENT,
        definitions: [info.operationContext.operation, ...Object.values(info.operationContext.fragments)],
      },
      { validate: false },
    );
    let counted = counters.get(node.serviceName);
    if (!counted) counters.set(node.serviceName, (counted = total.labels(node.serviceName)));
    return {
      service: node.serviceName,
      dataSource,
      query: node.operation,
      operationName: node.operationName,
      variableUsages: node.variableUsages ?? [],
      document: node.operationDocumentNode,
      shape,
      counted,
    };
  };

  const send = async (route: Route, rc: RequestContext): Promise<Result> => {
    // The executor's own check of the variables against the API schema, before any subgraph call.
    const definitions = rc.operation?.variableDefinitions;
    if (definitions?.length) {
      const { errors } = getVariableValues(rc.schema, definitions, rc.request.variables ?? {});
      if (errors) return { errors };
    }
    route.counted.inc();
    const provided = rc.request.variables;
    const variables: Record<string, unknown> = Object.create(null);
    for (const name of route.variableUsages)
      if (provided && Object.prototype.hasOwnProperty.call(provided, name) && provided[name] !== undefined)
        variables[name] = provided[name];
    const errors: GraphQLError[] = [];
    let input: Record<string, unknown> | null | undefined;
    try {
      const response = await route.dataSource.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request: { query: route.query, variables, operationName: route.operationName },
        incomingRequestContext: rc,
        context: rc.context,
        document: route.document,
        pathInIncomingRequest: [],
      });
      if (response.errors) for (const e of response.errors) errors.push(downstreamServiceError(e, route.service));
      input = response.data;
    } catch (err) {
      errors.push(err as GraphQLError);
    }
    try {
      // The executor merges the answer into an empty object first: no data is an empty object.
      const shaped = computeResponse({
        operation: route.shape,
        variables: rc.request.variables,
        input: input && typeof input === 'object' ? input : Object.create(null),
        introspectionHandling: () => {
          throw new Error('introspection is not taken one hop');
        },
      });
      if (errors.length === 0 && shaped.errors.length > 0)
        return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
      return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      return { errors: [new GraphQLError((error as Error).message, { originalError: error as Error })] };
    }
  };

  return {
    didResolveQueryPlan(info) {
      const key = keyOf(info.requestContext);
      if (decisions.has(key)) return;
      let route: Route | null;
      try {
        route = decide(info);
      } catch {
        route = null;
      }
      if (decisions.size >= MAX_DECISIONS) decisions.delete(decisions.keys().next().value!);
      decisions.set(key, route);
    },
    wrap(executor) {
      return (rc) => {
        const route = decisions.get(keyOf(rc));
        // A client asking for the plan itself (outside production), or a request whose trace is
        // captured for usage reporting (a plan trace), gets the executor.
        if (!route || rc.metrics?.captureTraces || rc.request.http?.headers.get('apollo-query-plan-experimental'))
          return executor(rc);
        return send(route, rc);
      };
    },
    forget() {
      decisions.clear();
    },
  };
}

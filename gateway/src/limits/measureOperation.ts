import {
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export interface OperationShape {
  depth: number;
  /** Depth of the introspection (`__schema`, `__type`) selections, limited on its own. */
  introspectionDepth: number;
  aliases: number;
  rootFields: number;
  cost: number;
}

/** `__schema` and `__type`: the entry points of introspection (`__typename` is an ordinary leaf). */
const isIntrospection = (name: string) => name === '__schema' || name === '__type';

// Lists inside these wrappers are the page their parent field's `first` already paid for
// (connections' edges, the audit trail's entries) or echo a bounded input (mutation payloads).
const PAGE_WRAPPER = /(Connection|Trail|Page|Payload)$/;

/**
 * Cost: every field costs 1; a field that takes `first` multiplies its selection by the page it
 * asks for (or the default page size); other list fields multiply by `defaultListSize`, except
 * lists inside a page wrapper.
 */
export function pagedCostEstimator(defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection is answered from the gateway's schema, never by a subgraph: its size is bounded
    // by the introspection depth limit, aliases and tokens, not by a cost that would refuse tools.
    if (isIntrospection(field.name) || type.name.startsWith('__')) return 0;
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : defaultListSize;
      return 1 + childComplexity * Math.max(1, first);
    }
    const typeName = String(field.type);
    if (typeName.includes('[')) {
      return 1 + childComplexity * (PAGE_WRAPPER.test(type.name) ? 1 : defaultListSize);
    }
    return 1 + childComplexity;
  };
}

interface Tally {
  depth: number;
  introspectionDepth: number;
  aliases: number;
}

function walk(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
  depth: number,
  acc: Tally,
  introspecting = false,
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name === '__typename') continue;
      if (sel.alias) acc.aliases++;
      const inside = introspecting || isIntrospection(name);
      if (inside) acc.introspectionDepth = Math.max(acc.introspectionDepth, depth);
      else acc.depth = Math.max(acc.depth, depth);
      if (sel.selectionSet) walk(sel.selectionSet, fragments, seen, depth + 1, acc, inside);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      walk(sel.selectionSet, fragments, seen, depth, acc, introspecting);
    } else {
      const name = sel.name.value;
      const frag = fragments.get(name);
      // A fragment spread twice on one path is a cycle (rejected by validation anyway).
      if (!frag || seen.has(name)) continue;
      seen.add(name);
      walk(frag.selectionSet, fragments, seen, depth, acc, introspecting);
      seen.delete(name);
    }
  }
}

/**
 * The variables an operation's cost can read: values of `first` (pagedCostEstimator) and the
 * conditions of @include/@skip (fields left out cost nothing). Other variables never change it.
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Field(node) {
      for (const a of node.arguments ?? [])
        if (a.name.value === 'first' && a.value.kind === Kind.VARIABLE) names.add(a.value.name.value);
    },
    Directive(node) {
      if (node.name.value !== 'include' && node.name.value !== 'skip') return;
      for (const a of node.arguments ?? []) if (a.value.kind === Kind.VARIABLE) names.add(a.value.name.value);
    },
  });
  return [...names].sort();
}

/** Measures depth, aliases, root fields and cost of the operation that will run. */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultListSize: number,
): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const acc: Tally = { depth: 0, introspectionDepth: 0, aliases: 0 };
  walk(operation.selectionSet, fragments, new Set(), 1, acc);
  const rootFields = operation.selectionSet.selections.filter(
    (s) => s.kind === Kind.FIELD && !s.name.value.startsWith('__'),
  ).length;
  let cost = 0;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables,
      estimators: [pagedCostEstimator(defaultListSize)],
    });
  } catch {
    // Variables that do not coerce are reported by execution with a precise message.
    cost = 0;
  }
  return { depth: acc.depth, introspectionDepth: acc.introspectionDepth, aliases: acc.aliases, rootFields, cost };
}

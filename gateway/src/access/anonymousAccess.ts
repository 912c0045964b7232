import type { ApolloServerPlugin } from '@apollo/server';
import { unauthenticated } from '@credit/shared';
import {
  Kind,
  parse,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type StringValueNode,
  type DirectiveNode,
} from 'graphql';
import type { GatewayContext } from '../context';

/** The tag a subgraph puts on a root field that anyone may call without a token. */
export const PUBLIC_TAG = 'public';

const isPublicTag = (d: DirectiveNode) =>
  d.name.value === 'tag' &&
  d.arguments?.some(
    (a) => a.name.value === 'name' && a.value.kind === Kind.STRING && (a.value as StringValueNode).value === PUBLIC_TAG,
  );

/**
 * `Type.field` of every root field tagged `@tag(name: "public")` in the supergraph: the subgraph
 * that owns a field declares it public next to its resolver, and composition carries the tag here.
 */
export function publicRootFields(supergraphSdl: string): Set<string> {
  const out = new Set<string>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (def.name.value !== 'Query' && def.name.value !== 'Mutation') continue;
    for (const f of def.fields ?? []) if (f.directives?.some(isPublicTag)) out.add(`${def.name.value}.${f.name.value}`);
  }
  return out;
}

/** Root field names of a selection, through fragments (`__typename` and introspection excluded). */
function rootFields(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  out = new Set<string>(),
): Set<string> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (!sel.name.value.startsWith('__')) out.add(sel.name.value);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) rootFields(sel.selectionSet, fragments, out);
    else {
      const frag = fragments[sel.name.value];
      if (frag) rootFields(frag.selectionSet, fragments, out);
    }
  }
  return out;
}

/**
 * An anonymous caller may run only public root fields. Anything else is refused here, before
 * planning, so that no subgraph is called and no subgraph answer can leak into the error.
 */
export function anonymousAccessPlugin(publicFields: ReadonlySet<string>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (contextValue.principal || !operation) return;
          const type = operation.operation === 'mutation' ? 'Mutation' : 'Query';
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          for (const field of rootFields(operation.selectionSet, fragments)) {
            if (!publicFields.has(`${type}.${field}`))
              throw unauthenticated(`${type}.${field} requires a bearer token`);
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { unauthenticated } from '@credit/shared';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../context';

/** Whether the operation asks for `__schema` or `__type` at its root, directly or through fragments. */
export function introspects(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const seen = new Set<string>();
  const inSet = (set: SelectionSetNode): boolean =>
    set.selections.some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === '__schema' || sel.name.value === '__type';
      if (sel.kind === Kind.INLINE_FRAGMENT) return inSet(sel.selectionSet);
      const frag = fragments.get(sel.name.value);
      if (!frag || seen.has(sel.name.value)) return false;
      seen.add(sel.name.value);
      return inSet(frag);
    });
  return inSet(operation.selectionSet);
}

/**
 * Schema tools (codegen, IDEs) of every caller with a token may introspect, in production too; an
 * anonymous caller may only outside production. Refused before planning, like other anonymous reads.
 */
export function introspectionAccessPlugin(anonymousAllowed: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (anonymousAllowed || contextValue.principal || !operation) return;
          if (introspects(operation, document)) throw unauthenticated('introspection requires a bearer token');
        },
      };
    },
  };
}

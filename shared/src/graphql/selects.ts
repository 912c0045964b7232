import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields the operation selects at `path` below the field being resolved (`[]`:
 * directly under it; `['edges', 'node']`: a connection's nodes), through inline and named
 * fragments, by field name whatever their aliases.
 */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, depth: number): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (depth === path.length) out.add(s.name.value);
        else if (s.name.value === path[depth]) walk(s.selectionSet, depth + 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, depth);
      else if (!seen.has(`${depth}:${s.name.value}`)) {
        seen.add(`${depth}:${s.name.value}`);
        walk(info.fragments[s.name.value]?.selectionSet, depth);
      }
    }
  };
  for (const n of info.fieldNodes) walk(n.selectionSet, 0);
  return out;
}

/**
 * Whether the operation asks for `field` directly under the field being resolved (through inline
 * fragments and named fragments too). Lets a resolver skip a call to another service for a part
 * of its answer that nobody selected.
 */
export const selectsField = (info: GraphQLResolveInfo, field: string): boolean => selectedFieldsAt(info, []).has(field);

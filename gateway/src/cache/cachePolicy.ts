import {
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { subjectChangeFields } from '@credit/shared';

/**
 * What the response cache may hold: a query whose every field is invalidated by subject changes
 * (an allowlist, `Type.field`). A field added tomorrow by any subgraph makes the operation
 * uncacheable until its owner declares it in FIELDS_INVALIDATED_BY_SUBJECT_CHANGES.
 */
export interface CachePolicy {
  fields: ReadonlySet<string>;
}

export const HISTORY_POLICY: CachePolicy = { fields: subjectChangeFields() };

export function isCacheable(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policy: CachePolicy,
): boolean {
  if (operation.operation !== 'query') return false;
  const typeInfo = new TypeInfo(schema);
  let ok = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__typename') return;
        const parent = typeInfo.getParentType()?.name;
        if (!parent || !policy.fields.has(`${parent}.${node.name.value}`)) ok = false;
      },
    }),
  );
  return ok;
}

import {
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * What the response cache may hold: a subject's own profile and violation history, i.e. fields
 * of entities and records whose every change publishes a subject change. Anything owned by
 * reports or objections, or the audit log, makes the whole operation uncacheable.
 */
export interface CachePolicy {
  rootFields: ReadonlySet<string>;
  types: ReadonlySet<string>;
  deniedFields: ReadonlySet<string>;
}

export const HISTORY_POLICY: CachePolicy = {
  rootFields: new Set(['subject']),
  types: new Set([
    'Query',
    'Subject',
    'RecordSummary',
    'DomainRecordCount',
    'ViolationRecordConnection',
    'ViolationRecordEdge',
    'ViolationRecord',
    'RecordRevision',
    'FieldChange',
    'PageInfo',
  ]),
  deniedFields: new Set([
    'Subject.accessLog',
    'Subject.commitments',
    'Subject.reports',
    'Subject.objections',
    'ViolationRecord.objections',
  ]),
};

export function isCacheable(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policy: CachePolicy,
): boolean {
  if (operation.operation !== 'query') return false;
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== 'Field' || !policy.rootFields.has(sel.name.value)) return false;
  }
  const typeInfo = new TypeInfo(schema);
  let ok = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__typename') return;
        const parent = typeInfo.getParentType()?.name;
        if (!parent || !policy.types.has(parent) || policy.deniedFields.has(`${parent}.${node.name.value}`)) ok = false;
      },
    }),
  );
  return ok;
}

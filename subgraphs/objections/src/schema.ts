import { AuditLogResolver, buildFederatedSchema, roleAuthChecker } from '@credit/shared';
import type { GraphQLSchema } from 'graphql';
import { objectionReferences } from './objection/objection.reference';
import {
  EvidenceResolver,
  ObjectionResolver,
  RecordObjectionsResolver,
  SubjectObjectionsResolver,
} from './objection/objection.resolver';
import { ObjectionStatisticsResolver } from './statistics/statistics.resolver';

export function buildObjectionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ObjectionResolver,
        EvidenceResolver,
        SubjectObjectionsResolver,
        RecordObjectionsResolver,
        ObjectionStatisticsResolver,
        AuditLogResolver,
      ],
      authChecker: roleAuthChecker,
      validate: false,
    },
    objectionReferences,
  );
}

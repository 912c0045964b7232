import { AuditLogResolver, buildFederatedSchema, roleAuthChecker } from '@credit/shared';
import type { GraphQLSchema } from 'graphql';
import { subjectReference } from './foreign/subject';
import { violationRecordReference } from './foreign/violationRecord';
import { objectionReference } from './reading/objection.reference';
// Resolver modules in this order: type-graphql orders the Query, Mutation and Objection fields as
// their decorators run, so the published SDL keeps one stable order.
import { ReadingResolver, RecordObjectionsResolver, SubjectObjectionsResolver } from './reading/reading.resolver';
import { FilingResolver } from './filing/filing.resolver';
import { EvidenceResolver, ObjectionEvidenceResolver } from './evidence/evidence.resolver';
import { WorkflowResolver } from './workflow/workflow.resolver';
import { OutboxAdminResolver } from './outbox/outboxAdmin.resolver';
import { ObjectionStatisticsResolver } from './statistics/statistics.resolver';
import { FeedbackResolver } from './feedback/feedback.resolver';
import { AssessmentResolver } from './assessment/assessment.resolver';

export function buildObjectionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ReadingResolver,
        FilingResolver,
        WorkflowResolver,
        ObjectionEvidenceResolver,
        OutboxAdminResolver,
        EvidenceResolver,
        SubjectObjectionsResolver,
        RecordObjectionsResolver,
        ObjectionStatisticsResolver,
        FeedbackResolver,
        AssessmentResolver,
        AuditLogResolver,
      ],
      authChecker: roleAuthChecker,
      validate: false,
    },
    { ...objectionReference, ...subjectReference, ...violationRecordReference },
  );
}

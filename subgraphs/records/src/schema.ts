import { AuditLogResolver, buildFederatedSchema, roleAuthChecker } from '@credit/shared';
import type { GraphQLSchema } from 'graphql';
import { HistoryResolver } from './history/history.resolver';
import { subjectReference, SubjectRef } from './foreign/subject';
import { ImportJobResolver } from './import/importJob.resolver';
import { InternalResolver } from './internal/internal.resolver';
import { QualityResolver } from './quality/quality.resolver';
import { recordReference } from './record/record.reference';
import { RecordResolver } from './record/record.resolver';
import { StatisticsResolver } from './statistics/statistics.resolver';
import { SubmissionResolver } from './submission/submission.resolver';

export function buildRecordsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        RecordResolver,
        SubmissionResolver,
        HistoryResolver,
        QualityResolver,
        ImportJobResolver,
        StatisticsResolver,
        InternalResolver,
        AuditLogResolver,
      ],
      // Subject is reached only through the gateway's `_entities`, never from a root field here.
      orphanedTypes: [SubjectRef],
      authChecker: roleAuthChecker,
      validate: false,
    },
    { ...recordReference, ...subjectReference },
  );
}

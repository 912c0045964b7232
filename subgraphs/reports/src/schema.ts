import { AuditLogResolver, buildFederatedSchema, roleAuthChecker } from '@credit/shared';
import type { GraphQLSchema } from 'graphql';
import { AuthorizationResolver } from './authorization/authorization.resolver';
import { CurrencyResolver } from './currency/currency.resolver';
import { RecognitionResolver } from './recognition/recognition.resolver';
import { reportReference } from './report/report.reference';
import { ReportResolver, SubjectReportsResolver } from './report/report.resolver';
import { subjectReference, SubjectRef } from './foreign/subject';
import { SubscriptionResolver } from './subscriptions/subscription.resolver';
import { StatisticsResolver } from './statistics/statistics.resolver';
import { VerificationSubstitutesResolver } from './verification/substitutes.resolver';
import { VerificationResolver } from './verification/verification.resolver';

export function buildReportsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ReportResolver,
        CurrencyResolver,
        SubjectReportsResolver,
        VerificationResolver,
        VerificationSubstitutesResolver,
        AuthorizationResolver,
        RecognitionResolver,
        StatisticsResolver,
        SubscriptionResolver,
        AuditLogResolver,
      ],
      // Subject is reached only through the gateway's `_entities`, never from a root field here.
      orphanedTypes: [SubjectRef],
      authChecker: roleAuthChecker,
      validate: false,
    },
    { ...reportReference, ...subjectReference },
  );
}

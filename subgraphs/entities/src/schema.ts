import { AuditLogResolver, buildFederatedSchema, roleAuthChecker } from '@credit/shared';
import { AuditTrailResolver } from './auditTrail/auditTrail.resolver';
import type { GraphQLSchema } from 'graphql';
import { CommitmentResolver } from './commitment/commitment.resolver';
import { DomainResolver } from './domain/domain.resolver';
import { GuideResolver } from './guides/guide.resolver';
import { NationalFeedResolver } from './nationalFeed/nationalFeed.resolver';
import { RegionResolver } from './region/region.resolver';
import { SourceUnitResolver } from './sourceUnit/sourceUnit.resolver';
import { subjectReference } from './subject/subject.reference';
import { SubjectResolver } from './subject/subject.resolver';
import { SubjectNamesResolver } from './subject/subjectNames.resolver';
import { SubstitutionResolver } from './substitution/substitution.resolver';
import { WorkingCalendarResolver } from './workingCalendar/workingCalendar.resolver';

export function buildEntitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        SubjectResolver,
        SubjectNamesResolver,
        DomainResolver,
        RegionResolver,
        SourceUnitResolver,
        CommitmentResolver,
        SubstitutionResolver,
        WorkingCalendarResolver,
        GuideResolver,
        NationalFeedResolver,
        AuditTrailResolver,
        AuditLogResolver,
      ],
      authChecker: roleAuthChecker,
      validate: false,
    },
    subjectReference,
  );
}

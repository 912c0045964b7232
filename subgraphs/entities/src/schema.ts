import { buildFederatedSchema, roleAuthChecker } from '@credit/shared';
import type { GraphQLSchema } from 'graphql';
import { DomainResolver } from './domain/domain.resolver';
import { RegionResolver } from './region/region.resolver';
import { SourceUnitResolver } from './sourceUnit/sourceUnit.resolver';
import { subjectReference } from './subject/subject.reference';
import { SubjectResolver } from './subject/subject.resolver';

export function buildEntitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [SubjectResolver, DomainResolver, RegionResolver, SourceUnitResolver],
      authChecker: roleAuthChecker,
      validate: false,
    },
    subjectReference,
  );
}

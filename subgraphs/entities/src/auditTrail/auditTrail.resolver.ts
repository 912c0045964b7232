import { badUserInput, forbidden, isOwner, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { Subject } from '../subject/subject.type';
import { AuditTrail, AuditTrailFilter } from './auditTrail.type';

const checkFirst = (first: number) => {
  if (first < 1 || first > 1000) throw badUserInput('first', `must be between 1 and 1000, got ${first}`);
};

@Resolver(() => Subject)
export class AuditTrailResolver {
  @Authorized(Role.LEAD_DEPARTMENT)
  @Query(() => AuditTrail, { description: 'The merged audit trail of every subgraph (lead department)' })
  auditTrail(
    @Ctx() ctx: EntitiesContext,
    @Arg('filter', () => AuditTrailFilter) filter: AuditTrailFilter,
  ): Promise<AuditTrail> {
    checkFirst(filter.first);
    return ctx.services.auditTrail.entries(ctx, filter);
  }

  @Authorized(Role.SUBJECT, Role.LEAD_DEPARTMENT)
  @FieldResolver(() => AuditTrail, {
    description: '"Who looked at me": reads and changes of this subject by anyone else, newest first',
  })
  accessLog(
    @Root() subject: Subject,
    @Ctx() ctx: EntitiesContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<AuditTrail> {
    checkFirst(first);
    if (ctx.principal?.role === Role.SUBJECT && !isOwner(ctx.principal, subject.creditCode)) {
      throw forbidden('a subject may see only its own access log');
    }
    return ctx.services.auditTrail.entries(ctx, { subjectCode: subject.creditCode, first });
  }
}

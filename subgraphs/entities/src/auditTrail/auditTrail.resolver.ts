import { badUserInput, forbidden, isOwner, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { Subject } from '../subject/subject.type';
import { AccessLogService } from './accessLog.service';
import { ACCESS_LOG_MAX_PAGE, AccessLogConnection, AccessLogFilter } from './accessLog.type';
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
  @FieldResolver(() => AccessLogConnection, {
    description:
      '"Who looked at me": reads and changes of this subject by people and services, newest first, paged and ' +
      'filtered; anonymous report verifications are counted per report and day',
  })
  accessLog(
    @Root() subject: Subject,
    @Ctx() ctx: EntitiesContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter?: AccessLogFilter | null,
  ): Promise<AccessLogConnection> {
    if (first < 1 || first > ACCESS_LOG_MAX_PAGE) {
      throw badUserInput('first', `must be between 1 and ${ACCESS_LOG_MAX_PAGE}, got ${first}`);
    }
    if (ctx.principal?.role === Role.SUBJECT && !isOwner(ctx.principal, subject.creditCode)) {
      throw forbidden('a subject may see only its own access log');
    }
    const f = filter ?? Object.assign(new AccessLogFilter(), { includeAnonymousVerifications: false });
    for (const field of ['from', 'to'] as const) {
      if (f[field] && Number.isNaN(Date.parse(f[field]!))) {
        throw badUserInput(`filter.${field}`, `"${f[field]}" is not an ISO 8601 date or time`);
      }
    }
    const log = new AccessLogService(ctx.services.db, ctx.services.auditTrail.sources);
    return log.page(ctx, subject.creditCode, f, first, after);
  }
}

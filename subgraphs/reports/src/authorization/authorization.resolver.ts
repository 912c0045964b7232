import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { ReportAuthorization } from '../report/report.type';

@Resolver(() => ReportAuthorization)
export class AuthorizationResolver {
  @Authorized(Role.SUBJECT)
  @Mutation(() => ReportAuthorization, {
    description: "The subject lets a report user (partner id) read a report's detail until a date (at most a year)",
  })
  authorizeReportAccess(
    @Ctx() ctx: ReportsContext,
    @Arg('number') number: string,
    @Arg('partnerId') partnerId: string,
    @Arg('until', { description: 'YYYY-MM-DD (to the end of that day, China time) or an ISO 8601 instant' })
    until: string,
  ): Promise<ReportAuthorization> {
    return ctx.services.authorizations.authorize(ctx, number, partnerId, until);
  }

  @Authorized(Role.SUBJECT)
  @Mutation(() => ReportAuthorization, { description: "Withdraws a report user's access at once" })
  revokeReportAccess(
    @Ctx() ctx: ReportsContext,
    @Arg('number') number: string,
    @Arg('partnerId') partnerId: string,
  ): Promise<ReportAuthorization> {
    return ctx.services.authorizations.revoke(ctx, number, partnerId);
  }
}

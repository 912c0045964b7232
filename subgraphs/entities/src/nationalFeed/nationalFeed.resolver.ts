import { forbidden, hasPartnerScope, pageSize, PartnerScope, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { NationalSubjectConnection } from './nationalFeed.type';

@Resolver()
export class NationalFeedResolver {
  @Authorized(Role.PARTNER, Role.LEAD_DEPARTMENT)
  @Query(() => NationalSubjectConnection, {
    description:
      'Out-of-province subjects active in Guizhou for the national platform (PARTNER with scope national-feed, or the lead department); oldest change first; every read audited',
  })
  nationalSubjectFeed(
    @Ctx() ctx: EntitiesContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('changedSince', () => String, { nullable: true, description: 'ISO 8601: only subjects changed since then' })
    changedSince?: string | null,
  ): Promise<NationalSubjectConnection> {
    if (ctx.principal?.role === Role.PARTNER && !hasPartnerScope(ctx.principal, PartnerScope.NATIONAL_FEED))
      throw forbidden(
        `this feed is for the national platform (a PARTNER token with scope ${PartnerScope.NATIONAL_FEED})`,
      );
    return ctx.services.nationalFeed.page(ctx, pageSize(first), after, changedSince);
  }
}

import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { ObjectionStatistics } from './statistics.type';

@Resolver()
export class ObjectionStatisticsResolver {
  @Authorized(Role.LEAD_DEPARTMENT, Role.ANALYST)
  @Query(() => ObjectionStatistics, {
    description: 'Objections by status, type, unit and filing month; median handling time; overdue counts',
  })
  objectionStatistics(
    @Ctx() ctx: ObjectionsContext,
    @Arg('fromMonth', () => String, { nullable: true, description: 'YYYY-MM' }) fromMonth?: string | null,
    @Arg('toMonth', () => String, { nullable: true, description: 'YYYY-MM' }) toMonth?: string | null,
  ): Promise<ObjectionStatistics> {
    return ctx.services.statistics.statistics(ctx.services.objections.today(), fromMonth, toMonth);
  }
}

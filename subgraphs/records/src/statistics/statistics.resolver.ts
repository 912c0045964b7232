import { Role, selectsField } from '@credit/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { RecordStatistics } from './statistics.type';

@Resolver()
export class StatisticsResolver {
  @Authorized(Role.ANALYST, Role.LEAD_DEPARTMENT)
  @Query(() => RecordStatistics, {
    description:
      'Counts by domain, region, category and month (default: the last MAX_REPORT_YEARS years); aggregates only',
  })
  recordStatistics(
    @Ctx() ctx: RecordsContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
    @Arg('domains', () => [String], { nullable: true }) domains?: string[] | null,
  ): Promise<RecordStatistics> {
    const period = ctx.services.history.period(from, to);
    return ctx.services.statistics.statistics(period.from, period.to, domains, {
      byDomain: selectsField(info, 'byDomain'),
      byRegion: selectsField(info, 'byRegion'),
      byCategory: selectsField(info, 'byCategory'),
      byMonth: selectsField(info, 'byMonth'),
    });
  }
}

import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
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
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
    @Arg('domains', () => [String], { nullable: true }) domains?: string[] | null,
  ): Promise<RecordStatistics> {
    const period = ctx.services.history.period(from, to);
    return ctx.services.statistics.statistics(period.from, period.to, domains);
  }
}

import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { ReportStatistics } from './statistics.type';

@Resolver(() => ReportStatistics)
export class StatisticsResolver {
  // SERVICE: the quarterly assessment (objections) reads the counts.
  @Authorized(Role.ANALYST, Role.LEAD_DEPARTMENT, Role.SERVICE)
  @Query(() => ReportStatistics, {
    description: 'Reports issued between two dates (China time; default this year to today)',
  })
  reportStatistics(
    @Ctx() ctx: ReportsContext,
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
  ): Promise<ReportStatistics> {
    return ctx.services.statistics.counts(from, to);
  }
}

import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { WorkingCalendarCoverage, WorkingCalendarRevision, WorkingCalendarYear } from './workingCalendar.type';

@Resolver(() => WorkingCalendarYear)
export class WorkingCalendarResolver {
  @Authorized()
  @Query(() => [WorkingCalendarYear], {
    description: 'Every known year of the working-day calendar, oldest first (deadlines are counted with it)',
  })
  workingCalendars(@Ctx() ctx: EntitiesContext): Promise<WorkingCalendarYear[]> {
    return ctx.services.workingCalendar.years();
  }

  @Authorized()
  @Query(() => WorkingCalendarYear, { description: "One year's current calendar (NOT_FOUND when not set)" })
  workingCalendar(@Ctx() ctx: EntitiesContext, @Arg('year', () => Int) year: number): Promise<WorkingCalendarYear> {
    return ctx.services.workingCalendar.year(year);
  }

  @Authorized()
  @Query(() => WorkingCalendarCoverage, { description: 'How far ahead working days are known' })
  workingCalendarCoverage(@Ctx() ctx: EntitiesContext): Promise<WorkingCalendarCoverage> {
    return ctx.services.workingCalendar.coverage();
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.ANALYST)
  @Query(() => [WorkingCalendarRevision], { description: "Every version of a year's calendar, newest first" })
  workingCalendarHistory(
    @Ctx() ctx: EntitiesContext,
    @Arg('year', () => Int) year: number,
  ): Promise<WorkingCalendarRevision[]> {
    return ctx.services.workingCalendar.history(year);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => WorkingCalendarYear, {
    description: "Sets a year's holidays and make-up working days from its notice: a new version when anything differs",
  })
  setWorkingCalendar(
    @Ctx() ctx: EntitiesContext,
    @Arg('year', () => Int) year: number,
    @Arg('holidays', () => [String]) holidays: string[],
    @Arg('makeupWorkdays', () => [String]) makeupWorkdays: string[],
    @Arg('notice') notice: string,
  ): Promise<WorkingCalendarYear> {
    return ctx.services.workingCalendar.set(ctx, year, holidays, makeupWorkdays, notice);
  }
}

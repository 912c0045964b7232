import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { Assessment } from './assessment.type';

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Authorized(Role.LEAD_DEPARTMENT, Role.ANALYST)
  @Query(() => Assessment, {
    description:
      'Quarterly assessment per unit and region: records, timeliness, conformance, objections, complaints (应替未替), reports, rank and warnings; export at /assessment/<quarter>.xlsx or .csv',
  })
  assessment(
    @Ctx() ctx: ObjectionsContext,
    @Arg('quarter', { description: 'e.g. 2026Q3' }) quarter: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<Assessment> {
    return ctx.services.assessment.assess(quarter, regionCode, ctx.requestId);
  }
}

import { forbidden, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { QualityWarnings, UnitQuality } from './quality.type';

@Resolver()
export class QualityResolver {
  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT)
  @Query(() => [UnitQuality], {
    description: 'Submission quality per unit in [from, to] (submission dates); a source unit sees only itself',
  })
  recordQuality(
    @Ctx() ctx: RecordsContext,
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
    @Arg('lateThresholdDays', () => Int, { nullable: true }) lateThresholdDays?: number | null,
  ): Promise<UnitQuality[]> {
    const period = ctx.services.history.period(from, to);
    const p = ctx.principal!;
    let units = unitCode ? [unitCode] : undefined;
    if (p.role === Role.SOURCE_UNIT) {
      if (unitCode && unitCode !== p.unitCode) throw forbidden('a source unit sees only its own quality figures');
      units = [p.unitCode];
    }
    return ctx.services.quality.unitQuality(period.from, period.to, units, lateThresholdDays ?? undefined);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Query(() => QualityWarnings, { description: 'Early warning: late units, high rejection rates, silent units' })
  recordQualityWarnings(
    @Ctx() ctx: RecordsContext,
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Arg('lateThresholdDays', () => Int, { nullable: true }) lateThresholdDays?: number | null,
    @Arg('rejectionRateThreshold', () => Float, { nullable: true }) rejectionRateThreshold?: number | null,
  ): Promise<QualityWarnings> {
    const period = ctx.services.history.period(from, to);
    return ctx.services.quality.warnings(
      period.from,
      period.to,
      lateThresholdDays ?? undefined,
      rejectionRateThreshold ?? undefined,
    );
  }
}

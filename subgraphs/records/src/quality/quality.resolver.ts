import { badUserInput, canSeePersonalData, forbidden, maskIdNumber, maskPersonName, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { QualityWarnings, RecordNameMismatch, UnitQuality } from './quality.type';

@Resolver()
export class QualityResolver {
  // SERVICE: the quarterly assessment (objections) reads every unit's figures.
  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT, Role.SERVICE)
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

  @Authorized(Role.LEAD_DEPARTMENT, Role.SERVICE)
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

  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT)
  @Query(() => [RecordNameMismatch], {
    description:
      "Records whose subject name differs from the subject's registered name, newest first; a source unit sees only its own",
  })
  async recordNameMismatches(
    @Ctx() ctx: RecordsContext,
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<RecordNameMismatch[]> {
    if (first < 1 || first > 500) throw badUserInput('first', 'must be 1 to 500');
    const p = ctx.principal!;
    let unit = unitCode ?? null;
    if (p.role === Role.SOURCE_UNIT) {
      if (unitCode && unitCode !== p.unitCode) throw forbidden("a source unit sees only its own records' names");
      unit = p.unitCode;
    }
    const rows = await ctx.services.quality.nameMismatches(unit, first);
    return rows.map((m) => {
      // A natural person's name (18-digit resident ID) is personal data: masked for whoever may not see it.
      const mask = /^\d{17}[\dX]$/.test(m.creditCode) && !canSeePersonalData(p, m.creditCode);
      return {
        recordId: m.recordId,
        unitCode: m.sourceUnitCode,
        decisionNumber: m.decisionNumber,
        creditCode: mask ? maskIdNumber(m.creditCode) : m.creditCode,
        submittedName: mask ? maskPersonName(m.submittedName) : m.submittedName,
        registeredName: mask ? maskPersonName(m.registeredName) : m.registeredName,
        seenAt: m.seenAt.toISOString(),
      };
    });
  }
}

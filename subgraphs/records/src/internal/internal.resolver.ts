import { badUserInput, checkSubjectCode, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { historyPeriod } from '../history/history.service';
import { ViolationRecord } from '../record/record.type';
import { toRecordView } from '../record/recordView';
import { CorrectionInput } from './internal.inputs';

/** The internal API: @inaccessible (never in the gateway's API schema) and SERVICE tokens only. */
@Resolver()
export class InternalResolver {
  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Query(() => [ViolationRecord], {
    description: 'For report snapshots: EFFECTIVE and REPAIRED records decided in [from, to], all fields',
  })
  async internalRecordsForSnapshot(
    @Ctx() ctx: RecordsContext,
    @Arg('creditCode') creditCode: string,
    @Arg('domains', () => [String]) domains: string[],
    @Arg('from') from: string,
    @Arg('to') to: string,
  ): Promise<ViolationRecord[]> {
    const code = checkSubjectCode(creditCode);
    if (!code.valid) throw badUserInput('creditCode', code.message!, { problem: code.problem });
    const period = historyPeriod(from, to);
    const rows = await ctx.services.snapshots.recordsOf(ctx, code.normalized, domains, period.from, period.to);
    return rows.map((r) => toRecordView(r, ctx.principal));
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => Boolean, { description: 'Marks a record under objection; idempotent per objection' })
  internalMarkUnderObjection(
    @Ctx() ctx: RecordsContext,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('objectionId') objectionId: string,
  ): Promise<boolean> {
    return ctx.services.corrections.mark(ctx, recordId, objectionId);
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => Boolean, { description: 'Closes an objection on a record; idempotent' })
  internalClearObjection(
    @Ctx() ctx: RecordsContext,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('objectionId') objectionId: string,
  ): Promise<boolean> {
    return ctx.services.corrections.clear(ctx, recordId, objectionId);
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => ViolationRecord, {
    description: 'Applies an upheld objection as a new revision; once per objection id',
  })
  async internalApplyCorrection(
    @Ctx() ctx: RecordsContext,
    // Grafbase's composition requires an argument of an @inaccessible type to be @inaccessible itself.
    @Directive('@inaccessible') @Arg('input', () => CorrectionInput) input: CorrectionInput,
  ): Promise<ViolationRecord> {
    return toRecordView(await ctx.services.corrections.applyCorrection(ctx, input), ctx.principal);
  }
}

import { badUserInput, PUBLIC_FIELD, selectsField } from '@credit/shared';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, Info, Query, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { BatchVerificationItem, ItemError, ReportToVerify } from './batchVerification.type';
import { ReportVerification } from './verification.type';

/** A bidding platform checks a tender's reports in one call; more would be a scan, not a check. */
export const MAX_BATCH_VERIFICATIONS = 100;

@Resolver(() => ReportVerification)
export class VerificationResolver {
  @Directive(PUBLIC_FIELD)
  @Query(() => ReportVerification, {
    description:
      'Public (no token needed; rate limited at the gateway): authentic or not, status and outcomes. A wrong code answers NOT_FOUND, like an unknown number.',
  })
  verifyReport(
    @Ctx() ctx: ReportsContext,
    @Arg('number') number: string,
    @Arg('verificationCode') verificationCode: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReportVerification> {
    return ctx.services.verification.verify(
      ctx,
      number,
      verificationCode,
      (n) => ctx.loaders.partnerGrant.load(n),
      'graphql',
      // `current` weighs the warnings too.
      selectsField(info, 'warnings') || selectsField(info, 'current'),
    );
  }

  @Directive(PUBLIC_FIELD)
  @Query(() => [BatchVerificationItem], {
    description: `Public, for bidding platforms: up to ${MAX_BATCH_VERIFICATIONS} reports in one call, one result per item in the order given (an item's error does not fail the others); each item spends the caller's rate budget as one verifyReport does`,
  })
  async verifyReports(
    @Ctx() ctx: ReportsContext,
    @Arg('items', () => [ReportToVerify]) items: ReportToVerify[],
  ): Promise<BatchVerificationItem[]> {
    if (items.length === 0) throw badUserInput('items', 'give at least one report');
    if (items.length > MAX_BATCH_VERIFICATIONS)
      throw badUserInput('items', `at most ${MAX_BATCH_VERIFICATIONS} reports per call, got ${items.length}`);
    const out: BatchVerificationItem[] = [];
    // One after another: each item counts against the number's wrong-code guard like a single call.
    for (const item of items) {
      try {
        const verification = await ctx.services.verification.verify(
          ctx,
          item.number,
          item.verificationCode,
          (n) => ctx.loaders.partnerGrant.load(n),
          'graphql',
        );
        out.push(
          Object.assign(new BatchVerificationItem(), { number: verification.number, verification, error: null }),
        );
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        out.push(
          Object.assign(new BatchVerificationItem(), {
            number: (item.number ?? '').trim().toUpperCase(),
            verification: null,
            error: Object.assign(new ItemError(), {
              code: String(err.extensions.code ?? 'BAD_USER_INPUT'),
              message: err.message,
            }),
          }),
        );
      }
    }
    return out;
  }
}

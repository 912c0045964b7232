import { PUBLIC_FIELD } from '@credit/shared';
import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { ReportVerification } from './verification.type';

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
  ): Promise<ReportVerification> {
    return ctx.services.verification.verify(ctx, number, verificationCode, (n) => ctx.loaders.partnerGrant.load(n));
  }
}

import { PUBLIC_FIELD, selectsField } from '@credit/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, Info, Query, Resolver } from 'type-graphql';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReportVerification> {
    return ctx.services.verification.verify(
      ctx,
      number,
      verificationCode,
      (n) => ctx.loaders.partnerGrant.load(n),
      'graphql',
      selectsField(info, 'warnings'),
    );
  }
}

import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { ExternalReportRecognition, RecognitionResult } from './recognition.type';

@Resolver(() => ExternalReportRecognition)
export class RecognitionResolver {
  // A report user in Guizhou (PARTNER) is handed other provinces' reports too (互认).
  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT, Role.OPERATOR, Role.PARTNER)
  @Mutation(() => RecognitionResult, {
    description:
      "Checks another province's signed report against its trusted key and records the recognition (officials, units, operators and report users)",
  })
  recognizeExternalReport(@Ctx() ctx: ReportsContext, @Arg('document') document: string): Promise<RecognitionResult> {
    return ctx.services.recognition.recognize(ctx, document);
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT, Role.OPERATOR)
  @Query(() => [ExternalReportRecognition], { description: "Other provinces' reports recognised for a subject" })
  externalReportRecognitions(
    @Ctx() ctx: ReportsContext,
    @Arg('creditCode') creditCode: string,
  ): Promise<ExternalReportRecognition[]> {
    return ctx.services.recognition.forSubject(creditCode);
  }
}

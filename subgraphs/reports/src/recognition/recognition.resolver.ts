import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { ExternalReportRecognition, RecognitionResult } from './recognition.type';

@Resolver(() => ExternalReportRecognition)
export class RecognitionResolver {
  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT, Role.OPERATOR)
  @Mutation(() => RecognitionResult, {
    description: "Checks another province's signed report against its trusted key and records the recognition",
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

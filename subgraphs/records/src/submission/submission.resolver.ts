import { forbidden, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { RecordInput, SubmitRecordsPayload } from './submission.inputs';
import { submitterFor } from './unitAuthority';

@Resolver()
export class SubmissionResolver {
  @Authorized(Role.SOURCE_UNIT)
  @Mutation(() => SubmitRecordsPayload, {
    description:
      'Submits up to 1,000 decisions of your registered unit (unit from the token, domains from the register); a verdict per row; one record per decision (deciding authority + number)',
  })
  async submitRecords(
    @Ctx() ctx: RecordsContext,
    @Arg('records', () => [RecordInput]) records: RecordInput[],
  ): Promise<SubmitRecordsPayload> {
    const p = ctx.principal;
    if (p?.role !== Role.SOURCE_UNIT) throw forbidden('only a source unit submits records');
    const who = await submitterFor(p, ctx.services.directory, ctx.requestId);
    return ctx.services.submissions.submit(who, records);
  }
}

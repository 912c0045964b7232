import { forbidden, Role, actorOf } from '@credit/shared';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { RecordInput, SubmitRecordsPayload } from './submission.inputs';

@Resolver()
export class SubmissionResolver {
  @Authorized(Role.SOURCE_UNIT)
  @Mutation(() => SubmitRecordsPayload, {
    description:
      'Submits up to 1,000 decisions of your unit (unit from the token); a verdict per row; idempotent on (unit, decision number)',
  })
  submitRecords(
    @Ctx() ctx: RecordsContext,
    @Arg('records', () => [RecordInput]) records: RecordInput[],
  ): Promise<SubmitRecordsPayload> {
    const p = ctx.principal;
    if (p?.role !== Role.SOURCE_UNIT) throw forbidden('only a source unit submits records');
    return ctx.services.submissions.submit(
      {
        unitCode: p.unitCode,
        unitDomains: new Set(p.domains),
        actor: actorOf(p),
        channel: 'API',
        requestId: ctx.requestId,
      },
      records,
    );
  }
}

import { badUserInput, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, Int, Mutation, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { RecordChangeInput } from './recordChange.inputs';

/** The batch records' outbox sends at most (its payloads are bounded well below this). */
const MAX_CHANGES = 5_000;

/** Records' changes arrive here (internal API: @inaccessible, SERVICE tokens only). */
@Resolver()
export class CurrencyResolver {
  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => Int, {
    description:
      'Records changed: marks the issued reports they touch; idempotent per (report, record, version). Returns the new marks',
  })
  internalRecordsChanged(
    @Ctx() ctx: ReportsContext,
    // Grafbase's composition requires an argument of an @inaccessible type to be @inaccessible itself.
    @Directive('@inaccessible') @Arg('changes', () => [RecordChangeInput]) changes: RecordChangeInput[],
  ): Promise<number> {
    if (changes.length > MAX_CHANGES) throw badUserInput('changes', `at most ${MAX_CHANGES} per call`);
    changes.forEach((c, i) => {
      if (Number.isNaN(Date.parse(c.at))) throw badUserInput(`changes[${i}].at`, 'must be an ISO 8601 instant');
    });
    return ctx.services.currency.apply(changes);
  }
}

import { badUserInput, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';

@Directive('@inaccessible')
@ObjectType({ description: "Internal: a registered subject's name, to compare with the name a record gives" })
export class RegisteredSubjectName {
  @Field()
  creditCode: string;

  @Field()
  name: string;
}

const MAX_CODES = 10_000;

/** Internal (records): the registered names of the subjects of a batch, in one call per batch. */
@Resolver()
export class SubjectNamesResolver {
  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Query(() => [RegisteredSubjectName], {
    description: 'Internal (records, reports): registered names of these subjects',
  })
  async internalSubjectNames(
    @Ctx() ctx: EntitiesContext,
    @Arg('creditCodes', () => [String]) creditCodes: string[],
  ): Promise<RegisteredSubjectName[]> {
    if (creditCodes.length > MAX_CODES) throw badUserInput('creditCodes', `at most ${MAX_CODES} codes per call`);
    const found = await ctx.services.subjects.findByCodes([...new Set(creditCodes)]);
    return found.map((s) => ({ creditCode: s.creditCode, name: s.name }));
  }
}

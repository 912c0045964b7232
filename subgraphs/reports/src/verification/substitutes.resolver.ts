import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ReportsContext } from '../context';
import { readSubstitutes, SubstitutedMatter } from './substitutes';
import { ReportVerification } from './verification.type';

@Resolver(() => ReportVerification)
export class VerificationSubstitutesResolver {
  @FieldResolver(() => [SubstitutedMatter], {
    nullable: true,
    description:
      'What this report replaces (本报告可替代): matters of its scenario from the substitution catalogue; null when the catalogue cannot be read',
  })
  substitutes(@Ctx() ctx: ReportsContext, @Root() v: ReportVerification): Promise<SubstitutedMatter[] | null> {
    return readSubstitutes(v, ctx.services.substitutionMatters, ctx.log, ctx.requestId);
  }
}

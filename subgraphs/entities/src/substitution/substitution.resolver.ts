import { PUBLIC_FIELD, ReportScenario, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntitiesContext } from '../context';
import {
  ChangeSubstitutionMatterInput,
  DefineSubstitutionMatterInput,
  SubstitutionMatter,
  SubstitutionMatterRevision,
} from './substitution.type';

@Resolver(() => SubstitutionMatter)
export class SubstitutionResolver {
  @Directive(PUBLIC_FIELD)
  @Query(() => [SubstitutionMatter], {
    description: 'The substitution catalogue (public): matters whose certificates the report replaces',
  })
  substitutionMatters(
    @Ctx() ctx: EntitiesContext,
    @Arg('scenario', () => ReportScenario, { nullable: true }) scenario?: ReportScenario | null,
    @Arg('domainCode', () => String, { nullable: true }) domainCode?: string | null,
    @Arg('includeInactive', { defaultValue: false }) includeInactive?: boolean,
  ): Promise<SubstitutionMatter[]> {
    return ctx.services.substitution.list({ scenario, domainCode, includeInactive });
  }

  @Directive(PUBLIC_FIELD)
  @Query(() => SubstitutionMatter, {
    description: 'One matter (public); its domainCodes are the domains to propose when issuing a report for it',
  })
  substitutionMatter(@Ctx() ctx: EntitiesContext, @Arg('code') code: string): Promise<SubstitutionMatter> {
    return ctx.services.substitution.get(code);
  }

  // Who edited the catalogue is the lead department's business, not the public's.
  @Authorized(Role.LEAD_DEPARTMENT, Role.ANALYST)
  @FieldResolver(() => [SubstitutionMatterRevision], { description: 'Every version, newest first' })
  history(@Ctx() ctx: EntitiesContext, @Root() matter: SubstitutionMatter): Promise<SubstitutionMatterRevision[]> {
    return ctx.services.substitution.history(matter.code);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => SubstitutionMatter, { description: 'Adds a matter to the catalogue (version 1)' })
  defineSubstitutionMatter(
    @Ctx() ctx: EntitiesContext,
    @Arg('input', () => DefineSubstitutionMatterInput) input: DefineSubstitutionMatterInput,
  ): Promise<SubstitutionMatter> {
    return ctx.services.substitution.define(ctx, input);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => SubstitutionMatter, { description: 'Changes a matter: a new version when anything differs' })
  changeSubstitutionMatter(
    @Ctx() ctx: EntitiesContext,
    @Arg('code') code: string,
    @Arg('input', () => ChangeSubstitutionMatterInput) input: ChangeSubstitutionMatterInput,
  ): Promise<SubstitutionMatter> {
    return ctx.services.substitution.change(ctx, code, input);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => SubstitutionMatter, { description: 'Withdraws or restores a matter; matters are never deleted' })
  setSubstitutionMatterActive(
    @Ctx() ctx: EntitiesContext,
    @Arg('code') code: string,
    @Arg('active') active: boolean,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<SubstitutionMatter> {
    return ctx.services.substitution.setActive(ctx, code, active, reason);
  }
}

import { badUserInput, checkSubjectCode, pageSize, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { SubjectFilter, SubjectInput, UpsertSubjectsPayload } from './subject.inputs';
import { Subject, SubjectConnection } from './subject.type';

@Resolver(() => Subject)
export class SubjectResolver {
  @Authorized()
  @Query(() => Subject, {
    nullable: true,
    description: 'One subject by credit code or resident ID; null when not registered',
  })
  subject(@Ctx() ctx: EntitiesContext, @Arg('creditCode') creditCode: string): Promise<Subject | null> {
    const check = checkSubjectCode(creditCode);
    if (!check.valid) throw badUserInput('creditCode', check.message!, { problem: check.problem });
    return ctx.loaders.subjectView.load(check.normalized);
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT, Role.OPERATOR)
  @Query(() => SubjectConnection, {
    description: 'Subjects in credit-code order (Relay connection); an operator searches organisations by name',
  })
  subjects(
    @Ctx() ctx: EntitiesContext,
    @Arg('filter', () => SubjectFilter, { nullable: true }) filter?: SubjectFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<SubjectConnection> {
    return ctx.services.subjects.list(ctx, filter, pageSize(first), after);
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.SERVICE)
  @Mutation(() => UpsertSubjectsPayload, {
    description: 'Registers or updates up to 1,000 subjects; a verdict per row',
  })
  upsertSubjects(
    @Ctx() ctx: EntitiesContext,
    @Arg('subjects', () => [SubjectInput]) subjects: SubjectInput[],
  ): Promise<UpsertSubjectsPayload> {
    return ctx.services.subjects.upsert(ctx, subjects);
  }
}

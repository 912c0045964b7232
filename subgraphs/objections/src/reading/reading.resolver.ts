import { forbidden, pageSize, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, Int, ID, Query, Resolver, Root } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { SubjectRef } from '../foreign/subject';
import { ViolationRecordRef } from '../foreign/violationRecord';
import { Objection, ObjectionConnection } from '../objection/objection.type';
import { viewForCaller } from '../objection/callerView';
import { ObjectionFilter } from './reading.inputs';

@Resolver(() => Objection)
export class ReadingResolver {
  @Authorized()
  @Query(() => Objection, { nullable: true, description: 'One objection; null when there is none with this id' })
  objection(@Ctx() ctx: ObjectionsContext, @Arg('id', () => ID) id: string): Promise<Objection | null> {
    return ctx.loaders.view.load(id);
  }

  @Authorized(Role.SUBJECT, Role.SOURCE_UNIT, Role.LEAD_DEPARTMENT)
  @Query(() => ObjectionConnection, {
    description: 'Newest first: a subject its own, a unit those routed to it, the lead department all',
  })
  async objections(
    @Ctx() ctx: ObjectionsContext,
    @Arg('filter', () => ObjectionFilter, { nullable: true }) filter?: ObjectionFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ObjectionConnection> {
    const page = await ctx.services.reader.list(
      ctx.principal!,
      filter,
      pageSize(first),
      after,
      ctx.services.objections.today(),
    );
    const edges = page.rows.map((r) => ({ cursor: page.cursor(r), node: viewForCaller(ctx, r) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT)
  @Query(() => [Objection], {
    description: 'Objections past the due date of their current step, oldest first; a unit sees its own',
  })
  async overdueObjections(
    @Ctx() ctx: ObjectionsContext,
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
  ): Promise<Objection[]> {
    const p = ctx.principal!;
    if (p.role === Role.SOURCE_UNIT && unitCode && unitCode !== p.unitCode)
      throw forbidden('a unit sees only its own overdue objections');
    const unit = p.role === Role.SOURCE_UNIT ? p.unitCode : unitCode;
    return (await ctx.services.reader.overdue(ctx.services.objections.today(), unit)).map((r) => viewForCaller(ctx, r));
  }

  @FieldResolver(() => ViolationRecordRef, { description: 'The record objected to (resolved by the records subgraph)' })
  record(@Root() o: Objection): ViolationRecordRef {
    return Object.assign(new ViolationRecordRef(), { id: o.recordId });
  }

  @FieldResolver(() => SubjectRef, {
    nullable: true,
    description: 'The subject (resolved by the entities subgraph); null when masked',
  })
  subject(@Root() o: Objection): SubjectRef | null {
    return o.masked ? null : Object.assign(new SubjectRef(), { creditCode: o.creditCode });
  }
}

@Resolver(() => SubjectRef)
export class SubjectObjectionsResolver {
  @FieldResolver(() => [Objection], {
    description: "The subject's objections, newest first (a unit sees those routed to it)",
  })
  objections(@Ctx() ctx: ObjectionsContext, @Root() s: SubjectRef): Promise<Objection[]> {
    return ctx.loaders.bySubject.load(s.creditCode);
  }
}

@Resolver(() => ViolationRecordRef)
export class RecordObjectionsResolver {
  @FieldResolver(() => [Objection], { description: 'Objections about this record, newest first' })
  objections(@Ctx() ctx: ObjectionsContext, @Root() r: ViolationRecordRef): Promise<Objection[]> {
    return ctx.loaders.byRecord.load(r.id);
  }
}

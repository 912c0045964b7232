import { forbidden, pageSize, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { FileObjectionInput, ObjectionFilter, ResolveObjectionInput } from './objection.inputs';
import {
  EvidenceAttachment,
  Objection,
  ObjectionConnection,
  ObjectionEffect,
  ObjectionEvent,
  SubjectRef,
  ViolationRecordRef,
} from './objection.type';
import type { ObjectionEntity } from './objection.entity';
import { toEventView, toEvidenceView, toObjectionView } from './objectionView';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

@Resolver(() => Objection)
export class ObjectionResolver {
  private view(ctx: ObjectionsContext, e: ObjectionEntity): Objection {
    return toObjectionView(e, ctx.principal, ctx.services.objections.today());
  }

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
    const edges = page.rows.map((r) => ({ cursor: page.cursor(r), node: this.view(ctx, r) }));
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
    return (await ctx.services.reader.overdue(ctx.services.objections.today(), unit)).map((r) => this.view(ctx, r));
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Query(() => [ObjectionEffect], {
    description:
      'Effects on records not delivered yet: PENDING (retrying) and FAILED (parked, see retryObjectionEffects)',
  })
  async undeliveredObjectionEffects(@Ctx() ctx: ObjectionsContext): Promise<ObjectionEffect[]> {
    return (await ctx.services.reader.undelivered()).map((r) => ({
      id: r.id,
      objectionId: r.objectionId,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      deliveredAt: iso(r.deliveredAt),
    }));
  }

  @Authorized()
  @Mutation(() => Objection, {
    description: "Files an objection on one of the subject's own records (an operator names the subject present)",
  })
  async fileObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => FileObjectionInput) input: FileObjectionInput,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.file(ctx, input));
  }

  @Authorized()
  @Mutation(() => Objection, {
    description: 'LEAD_DEPARTMENT: accepts; the objection is forwarded to the unit that submitted the record',
  })
  async acceptObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.accept(ctx, id, note));
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'LEAD_DEPARTMENT: refuses to accept, with the reason' })
  async refuseObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.refuse(ctx, id, reason));
  }

  @Authorized()
  @Mutation(() => Objection, {
    description: 'LEAD_DEPARTMENT: routes a forwarded objection to another unit (new review period)',
  })
  async reassignObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('unitCode') unitCode: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.reassign(ctx, id, unitCode, note));
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'SOURCE_UNIT (the one it is routed to): starts verifying' })
  async startObjectionReview(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.startReview(ctx, id, note));
  }

  @Authorized()
  @Mutation(() => Objection, {
    description: 'SOURCE_UNIT: upholds (with the correction) or rejects, with an explanation',
  })
  async resolveObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => ResolveObjectionInput) input: ResolveObjectionInput,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.resolve(ctx, input));
  }

  @Authorized()
  @Mutation(() => Objection, {
    description: 'Closes a decided objection once the result was fed back (the applicant or the lead department)',
  })
  async closeObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.close(ctx, id, note));
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'The applicant withdraws before a decision' })
  async withdrawObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return this.view(ctx, await ctx.services.objections.withdraw(ctx, id, note));
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => Int, { description: "Re-queues an objection's parked (FAILED) effects on records; returns how many" })
  retryObjectionEffects(@Ctx() ctx: ObjectionsContext, @Arg('id', () => ID) id: string): Promise<number> {
    return ctx.services.objections.retryEffects(ctx, id);
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

  @FieldResolver(() => [EvidenceAttachment])
  async evidence(@Ctx() ctx: ObjectionsContext, @Root() o: Objection): Promise<EvidenceAttachment[]> {
    return (await ctx.loaders.evidence.load(o.id)).map(toEvidenceView);
  }

  @FieldResolver(() => [ObjectionEvent], { description: 'Every step, oldest first' })
  async timeline(@Ctx() ctx: ObjectionsContext, @Root() o: Objection): Promise<ObjectionEvent[]> {
    return (await ctx.loaders.events.load(o.id)).map((e) => toEventView(e, o.masked));
  }

  @FieldResolver(() => Int, {
    description: 'Effects on the record not delivered yet (0 once the record reflects the objection)',
  })
  pendingEffects(@Ctx() ctx: ObjectionsContext, @Root() o: Objection): Promise<number> {
    return ctx.loaders.undeliveredEffects.load(o.id);
  }
}

@Resolver(() => EvidenceAttachment)
export class EvidenceResolver {
  @FieldResolver(() => String, { description: 'The attachment bytes, base64' })
  contentBase64(@Ctx() ctx: ObjectionsContext, @Root() e: EvidenceAttachment): Promise<string> {
    return ctx.loaders.evidenceContent.load(e.id);
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

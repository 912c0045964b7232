import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { Objection } from '../objection/objection.type';
import { viewForCaller } from '../objection/callerView';
import { ObjectionEvent } from './objectionEvent.type';
import { toEventView } from './timeline';
import { assertUnitMayAct } from '../units/actingUnit';
import { ResolveObjectionInput } from './workflow.inputs';

@Resolver(() => Objection)
export class WorkflowResolver {
  @Authorized()
  @Mutation(() => Objection, {
    description: 'LEAD_DEPARTMENT: accepts; the objection is forwarded to the unit that submitted the record',
  })
  async acceptObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return viewForCaller(ctx, await ctx.services.objections.accept(ctx, id, note));
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'LEAD_DEPARTMENT: refuses to accept, with the reason' })
  async refuseObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Objection> {
    return viewForCaller(ctx, await ctx.services.objections.refuse(ctx, id, reason));
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
    return viewForCaller(ctx, await ctx.services.objections.reassign(ctx, id, unitCode, note));
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'SOURCE_UNIT (the one it is routed to): starts verifying' })
  async startObjectionReview(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    await assertUnitMayAct(ctx);
    return viewForCaller(ctx, await ctx.services.objections.startReview(ctx, id, note));
  }

  @Authorized()
  @Mutation(() => Objection, {
    description: 'SOURCE_UNIT: upholds (with the correction) or rejects, with an explanation',
  })
  async resolveObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => ResolveObjectionInput) input: ResolveObjectionInput,
  ): Promise<Objection> {
    await assertUnitMayAct(ctx);
    return viewForCaller(ctx, await ctx.services.objections.resolve(ctx, input));
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
    return viewForCaller(ctx, await ctx.services.objections.close(ctx, id, note));
  }

  @Authorized()
  @Mutation(() => Objection, { description: 'The applicant withdraws before a decision' })
  async withdrawObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Objection> {
    return viewForCaller(ctx, await ctx.services.objections.withdraw(ctx, id, note));
  }

  @FieldResolver(() => [ObjectionEvent], { description: 'Every step, oldest first' })
  async timeline(@Ctx() ctx: ObjectionsContext, @Root() o: Objection): Promise<ObjectionEvent[]> {
    return (await ctx.loaders.events.load(o.id)).map((e) => toEventView(e, o.masked));
  }
}

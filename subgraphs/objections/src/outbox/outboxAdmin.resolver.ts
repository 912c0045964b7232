import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { Objection } from '../objection/objection.type';
import { ObjectionEffect } from './objectionEffect.type';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

@Resolver(() => Objection)
export class OutboxAdminResolver {
  @Authorized(Role.LEAD_DEPARTMENT)
  @Query(() => [ObjectionEffect], {
    description:
      'Effects on records not delivered yet: PENDING (retrying) and FAILED (parked, see retryObjectionEffects)',
  })
  async undeliveredObjectionEffects(@Ctx() ctx: ObjectionsContext): Promise<ObjectionEffect[]> {
    return (await ctx.services.outbox.undelivered()).map((r) => ({
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

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => Int, { description: "Re-queues an objection's parked (FAILED) effects on records; returns how many" })
  retryObjectionEffects(@Ctx() ctx: ObjectionsContext, @Arg('id', () => ID) id: string): Promise<number> {
    return ctx.services.outbox.retryEffects(ctx, id);
  }

  @FieldResolver(() => Int, {
    description: 'Effects on the record not delivered yet (0 once the record reflects the objection)',
  })
  pendingEffects(@Ctx() ctx: ObjectionsContext, @Root() o: Objection): Promise<number> {
    return ctx.loaders.undeliveredEffects.load(o.id);
  }
}

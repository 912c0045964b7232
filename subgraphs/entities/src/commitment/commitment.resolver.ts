import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { Subject } from '../subject/subject.type';
import { MakeCommitmentInput } from './commitment.inputs';
import { Commitment, CommitmentStatus, InternalCommitmentStatus } from './commitment.type';

@Resolver(() => Subject)
export class CommitmentResolver {
  @FieldResolver(() => [Commitment], {
    description: 'Credit commitments, newest first (owner, lead department, operators, source units)',
  })
  commitments(@Root() subject: Subject, @Ctx() ctx: EntitiesContext): Promise<Commitment[]> {
    return ctx.loaders.commitments.load(subject.creditCode);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Query(() => [Commitment], {
    name: 'commitments',
    description:
      'Credit commitments of every subject, newest first, optionally by status (lead department; each read audited per subject)',
  })
  commitmentList(
    @Ctx() ctx: EntitiesContext,
    @Arg('status', () => CommitmentStatus, { nullable: true }) status?: CommitmentStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: '1-200' }) first = 50,
  ): Promise<Commitment[]> {
    return ctx.services.commitments.list(ctx, { status, first });
  }

  @Authorized(Role.SUBJECT, Role.OPERATOR)
  @Mutation(() => Commitment, {
    description: 'A subject pledges no violations in the given domains (an operator may act for a present subject)',
  })
  makeCommitment(@Ctx() ctx: EntitiesContext, @Arg('input') input: MakeCommitmentInput): Promise<Commitment> {
    return ctx.services.commitments.make(ctx, input);
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT)
  @Mutation(() => Commitment, {
    description: 'Marks a commitment breached (false); reports are refused while the breach stands',
  })
  markCommitmentBreached(
    @Ctx() ctx: EntitiesContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Commitment> {
    return ctx.services.commitments.markBreached(ctx, id, reason);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => Commitment, {
    description: 'Clears a standing breach, with the reason (e.g. the breach finding was overturned)',
  })
  clearCommitmentBreach(
    @Ctx() ctx: EntitiesContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Commitment> {
    return ctx.services.commitments.clearBreach(ctx, id, reason);
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Query(() => InternalCommitmentStatus, { description: 'Internal (reports subgraph): standing breaches of a subject' })
  internalCommitmentStatus(
    @Ctx() ctx: EntitiesContext,
    @Arg('creditCode') creditCode: string,
  ): Promise<InternalCommitmentStatus> {
    return ctx.services.commitments.status(creditCode);
  }
}

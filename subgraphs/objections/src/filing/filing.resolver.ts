import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { Objection } from '../objection/objection.type';
import { viewForCaller } from '../objection/callerView';
import { FileObjectionInput } from './filing.inputs';

@Resolver(() => Objection)
export class FilingResolver {
  @Authorized()
  @Mutation(() => Objection, {
    description: "Files an objection on one of the subject's own records (an operator names the subject present)",
  })
  async fileObjection(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => FileObjectionInput) input: FileObjectionInput,
  ): Promise<Objection> {
    return viewForCaller(ctx, await ctx.services.filing.file(ctx, input));
  }
}

import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { SourceUnit } from './sourceUnit.type';

@Resolver(() => SourceUnit)
export class SourceUnitResolver {
  @Authorized()
  @Query(() => [SourceUnit], { description: 'Registered source units, optionally by domain and region' })
  sourceUnits(
    @Ctx() ctx: EntitiesContext,
    @Arg('domainCode', () => String, { nullable: true }) domainCode?: string | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<SourceUnit[]> {
    return ctx.services.sourceUnits.list({ domainCode, regionCode });
  }
}

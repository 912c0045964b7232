import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { ChangeSourceUnitInput, RegisterSourceUnitInput, SourceUnit } from './sourceUnit.type';

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

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => SourceUnit, { description: 'Registers a source unit: only registered, active units submit records' })
  registerSourceUnit(
    @Ctx() ctx: EntitiesContext,
    @Arg('input', () => RegisterSourceUnitInput) input: RegisterSourceUnitInput,
  ): Promise<SourceUnit> {
    return ctx.services.sourceUnits.register(ctx, input);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => SourceUnit, {
    description: "Changes a unit's name, credit code, region or domains; effective at once",
  })
  changeSourceUnit(
    @Ctx() ctx: EntitiesContext,
    @Arg('code') code: string,
    @Arg('input', () => ChangeSourceUnitInput) input: ChangeSourceUnitInput,
  ): Promise<SourceUnit> {
    return ctx.services.sourceUnits.change(ctx, code, input);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => SourceUnit, { description: 'Deactivates or reactivates a unit; units are never deleted' })
  setSourceUnitActive(
    @Ctx() ctx: EntitiesContext,
    @Arg('code') code: string,
    @Arg('active') active: boolean,
  ): Promise<SourceUnit> {
    return ctx.services.sourceUnits.setActive(ctx, code, active);
  }
}

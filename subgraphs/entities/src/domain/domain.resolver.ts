import { PUBLIC_FIELD, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { AddDomainInput, Domain } from './domain.type';

@Resolver(() => Domain)
export class DomainResolver {
  @Directive(PUBLIC_FIELD)
  @Query(() => [Domain], { description: 'The domain catalogue in the order of the plan (public)' })
  domains(
    @Ctx() ctx: EntitiesContext,
    @Arg('includeInactive', { defaultValue: false }) includeInactive: boolean,
  ): Promise<Domain[]> {
    return ctx.services.domains.list(includeInactive);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => Domain, { description: 'Adds a domain as work proceeds (plan: further domains may be added)' })
  addDomain(@Ctx() ctx: EntitiesContext, @Arg('input') input: AddDomainInput): Promise<Domain> {
    return ctx.services.domains.add(ctx, input);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => Domain, { description: 'Deactivates or reactivates a domain; domains are never deleted' })
  setDomainActive(
    @Ctx() ctx: EntitiesContext,
    @Arg('code') code: string,
    @Arg('active') active: boolean,
  ): Promise<Domain> {
    return ctx.services.domains.setActive(ctx, code, active);
  }
}

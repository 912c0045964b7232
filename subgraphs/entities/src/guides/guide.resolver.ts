import { PUBLIC_FIELD, ReportChannel, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import type { EntitiesContext } from '../context';
import { ServiceGuide, UpdateServiceGuideInput } from './guide.type';

@Resolver(() => ServiceGuide)
export class GuideResolver {
  @Directive(PUBLIC_FIELD)
  @Query(() => [ServiceGuide], {
    description: 'The service guide of every channel (public); pages at /guides/<channel>',
  })
  serviceGuides(@Ctx() ctx: EntitiesContext): Promise<ServiceGuide[]> {
    return ctx.services.guides.list();
  }

  @Directive(PUBLIC_FIELD)
  @Query(() => ServiceGuide, { description: 'The service guide of one channel (public)' })
  serviceGuide(
    @Ctx() ctx: EntitiesContext,
    @Arg('channel', () => ReportChannel) channel: ReportChannel,
  ): Promise<ServiceGuide> {
    return ctx.services.guides.get(channel);
  }

  @Authorized(Role.LEAD_DEPARTMENT)
  @Mutation(() => ServiceGuide, { description: "Changes a channel's guide; audited, effective at once" })
  updateServiceGuide(
    @Ctx() ctx: EntitiesContext,
    @Arg('channel', () => ReportChannel) channel: ReportChannel,
    @Arg('input', () => UpdateServiceGuideInput) input: UpdateServiceGuideInput,
  ): Promise<ServiceGuide> {
    return ctx.services.guides.update(ctx, channel, input);
  }
}

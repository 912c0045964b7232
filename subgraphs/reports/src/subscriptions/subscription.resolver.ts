import { badUserInput, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ReportsContext } from '../context';
import { MAX_DELIVERIES_PAGE } from './subscription.service';
import { ReportSubscription, WebhookDelivery, WebhookDeliveryStatus, WebhookSecret } from './subscription.type';

/** Report users (partners) subscribe to reports they verified; events are signed webhooks. */
@Resolver()
export class SubscriptionResolver {
  @Authorized(Role.PARTNER)
  @Mutation(() => WebhookSecret, {
    description:
      'A new webhook signing key for the calling partner, which signs every event from now on (rotation: the old key stops signing). The secret is in this answer only',
  })
  createWebhookSecret(@Ctx() ctx: ReportsContext): Promise<WebhookSecret> {
    return ctx.services.subscriptions.createSecret(ctx);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => ReportSubscription, {
    description:
      "Subscribes a callback URL to a report's events (REVOKED, BREACHED, RECORDS_CHANGED); the verification code must match (wrong codes count as verifyReport's do). The same active partner, report and URL answer the existing subscription. Production: https and public addresses only",
  })
  subscribeToReport(
    @Ctx() ctx: ReportsContext,
    @Arg('number') number: string,
    @Arg('verificationCode') verificationCode: string,
    @Arg('callbackUrl') callbackUrl: string,
  ): Promise<ReportSubscription> {
    return ctx.services.subscriptions.subscribe(ctx, number, verificationCode, callbackUrl);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => ReportSubscription, {
    description: 'Cancels one of your subscriptions; its queued events are not sent',
  })
  unsubscribeFromReport(@Ctx() ctx: ReportsContext, @Arg('id', () => ID) id: string): Promise<ReportSubscription> {
    return ctx.services.subscriptions.unsubscribe(ctx, id);
  }

  @Authorized(Role.PARTNER)
  @Query(() => [ReportSubscription], { description: 'Your subscriptions, newest first' })
  mySubscriptions(
    @Ctx() ctx: ReportsContext,
    @Arg('includeCancelled', { defaultValue: false }) includeCancelled: boolean,
  ): Promise<ReportSubscription[]> {
    return ctx.services.subscriptions.mine(ctx, includeCancelled);
  }

  @Authorized(Role.PARTNER)
  @Query(() => [WebhookDelivery], { description: 'Your webhook deliveries, newest first' })
  myWebhookDeliveries(
    @Ctx() ctx: ReportsContext,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: `At most ${MAX_DELIVERIES_PAGE}` }) first: number,
  ): Promise<WebhookDelivery[]> {
    return ctx.services.subscriptions.deliveries(ctx, status, first);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => WebhookDelivery, {
    description: 'Sends one of your deliveries (parked FAILED, or DELIVERED) again, now, with the same event id',
  })
  redeliverWebhook(@Ctx() ctx: ReportsContext, @Arg('id', () => ID) id: string): Promise<WebhookDelivery> {
    return ctx.services.subscriptions.redeliver(ctx, id);
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => Int, {
    description:
      "A commitment of the subject was marked breached (entities' outbox): BREACHED events for the subscriptions of its reports issued before then; idempotent per breach. Returns the events queued",
  })
  internalCommitmentBreached(
    @Ctx() ctx: ReportsContext,
    @Arg('creditCode') creditCode: string,
    @Arg('commitmentId', () => ID) commitmentId: string,
    @Arg('breachedAt', { description: 'ISO 8601 instant' }) breachedAt: string,
  ): Promise<number> {
    const at = new Date(breachedAt);
    if (Number.isNaN(at.getTime())) throw badUserInput('breachedAt', 'must be an ISO 8601 instant');
    return ctx.services.subscriptions.breachRecorded(creditCode, commitmentId, at);
  }
}

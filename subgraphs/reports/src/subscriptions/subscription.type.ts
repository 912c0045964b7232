import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What happened to a report a partner subscribed to. */
export enum WebhookEventKind {
  REVOKED = 'REVOKED',
  BREACHED = 'BREACHED',
  RECORDS_CHANGED = 'RECORDS_CHANGED',
}
registerEnumType(WebhookEventKind, {
  name: 'WebhookEventKind',
  description:
    "REVOKED (the report was revoked), BREACHED (a commitment of the subject was marked breached after the report's issue), RECORDS_CHANGED (records the report covers changed)",
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (queued or retrying with back-off), DELIVERED (answered 2xx), FAILED (parked: redeliver it)',
});

@ObjectType({ description: "A partner's subscription to one report's events" })
export class ReportSubscription {
  @Field(() => ID)
  id: string;

  @Field()
  reportNumber: string;

  @Field()
  callbackUrl: string;

  @Field()
  createdAt: string;

  @Field(() => String, { nullable: true })
  cancelledAt: string | null;

  @Field()
  active: boolean;
}

@ObjectType({ description: 'One event on its way to (or at) a subscriber' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'What redeliverWebhook takes' })
  id: string;

  @Field(() => ID, { description: 'The event id the receiver de-duplicates on (x-credit-webhook-id)' })
  eventId: string;

  @Field(() => ID)
  subscriptionId: string;

  @Field()
  reportNumber: string;

  @Field(() => WebhookEventKind)
  kind: WebhookEventKind;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  createdAt: string;

  @Field(() => String, { nullable: true })
  deliveredAt: string | null;

  @Field(() => String, { nullable: true, description: 'When the next attempt is due, while PENDING' })
  nextAttemptAt: string | null;

  @Field({ description: 'The signed JSON body' })
  payload: string;
}

@ObjectType({ description: 'A webhook signing secret: shown here once, never again' })
export class WebhookSecret {
  @Field({ description: 'Sent as x-credit-webhook-key with every event signed by this secret' })
  keyId: string;

  @Field({ description: 'HMAC-SHA256 key; store it now, the platform cannot show it again' })
  secret: string;

  @Field()
  createdAt: string;
}

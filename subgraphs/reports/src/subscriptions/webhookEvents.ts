import { createHash, randomUUID } from 'node:crypto';
import { pendingOutboxRow } from '@credit/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { ReportSubscriptionEntity } from './subscription.entity';
import { WebhookDeliveryEntity } from './webhookDelivery.entity';
import { WebhookEventKind } from './subscription.type';

/** What a subscriber receives (the signed body), one per subscription and event. */
export interface WebhookEvent {
  /** Unique per delivery: the receiver de-duplicates on it (also x-credit-webhook-id). */
  id: string;
  kind: WebhookEventKind;
  reportNumber: string;
  /** When the change happened (ISO 8601). */
  occurredAt: string;
  /** RECORDS_CHANGED: the kinds of record change (CORRECTED, REVOKED, REPAIRED, ADDED_LATE, UNDER_OBJECTION). */
  recordChangeKinds?: string[];
}

export interface DeliveryPayload {
  subscriptionId: string;
  event: WebhookEvent;
}

export interface ReportEvent {
  reportNumber: string;
  kind: WebhookEventKind;
  occurredAt: Date;
  recordChangeKinds?: string[];
  /**
   * Names the happening when its announcer may say it twice (an outbox delivering again): the event
   * ids then derive from it, and an event already queued is not queued again.
   */
  once?: string;
}

/** A UUID-shaped id derived from the happening and the subscription. */
function derivedId(once: string, subscriptionId: string): string {
  const h = createHash('sha256').update(`${once}|${subscriptionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Writes one delivery per active subscription of each event's report, in the caller's transaction:
 * the event commits with the change it announces, or neither does.
 */
export async function enqueueReportEvents(tx: EntityManager, events: ReportEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const subs = await tx.getRepository(ReportSubscriptionEntity).find({
    where: { reportNumber: In([...new Set(events.map((e) => e.reportNumber))]), cancelledAt: IsNull() },
  });
  if (subs.length === 0) return 0;
  const rows = events.flatMap((e) =>
    subs
      .filter((s) => s.reportNumber === e.reportNumber)
      .map((s) => {
        const event: WebhookEvent = {
          id: e.once ? derivedId(e.once, s.id) : randomUUID(),
          kind: e.kind,
          reportNumber: e.reportNumber,
          occurredAt: e.occurredAt.toISOString(),
          ...(e.recordChangeKinds ? { recordChangeKinds: [...e.recordChangeKinds].sort() } : {}),
        };
        const payload: DeliveryPayload = { subscriptionId: s.id, event };
        return {
          ...pendingOutboxRow(e.kind, payload),
          eventId: event.id,
          subscriptionId: s.id,
          partnerId: s.partnerId,
          reportNumber: e.reportNumber,
        };
      }),
  );
  const derived = events.some((e) => e.once) ? rows.map((r) => r.eventId) : [];
  const queued = derived.length
    ? new Set(
        (
          await tx
            .getRepository(WebhookDeliveryEntity)
            .find({ select: { eventId: true }, where: { eventId: In(derived) } })
        ).map((r) => r.eventId),
      )
    : new Set<string>();
  const fresh = rows.filter((r) => !queued.has(r.eventId));
  if (fresh.length) await tx.getRepository(WebhookDeliveryEntity).insert(fresh);
  return fresh.length;
}

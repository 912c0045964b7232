import { OutboxRow } from '@credit/shared';
import { Column, Entity, Index } from 'typeorm';

/**
 * One event for one subscription, written in the transaction of the change it announces (a
 * revocation, a breach notice, the marking of changed records) and POSTed by the shared OutboxWorker.
 * `kind` is the event kind; `payload` is `{ subscriptionId, event }` with the event exactly as signed.
 * `partnerId` is repeated here so that a partner's deliveries are one indexed read.
 */
@Entity('webhook_delivery_outbox')
@Index('ix_webhook_delivery_status_next', ['status', 'nextAttemptAt'])
@Index('ix_webhook_delivery_partner', ['partnerId', 'id'])
@Index('ux_webhook_delivery_event', ['eventId'], { unique: true })
export class WebhookDeliveryEntity extends OutboxRow {
  /** The receiver's de-duplication key (x-credit-webhook-id): the same on every attempt and redelivery. */
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 36 })
  subscriptionId: string;

  @Column({ type: 'varchar', length: 64 })
  partnerId: string;

  @Column({ type: 'varchar', length: 24 })
  reportNumber: string;
}

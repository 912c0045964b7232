import { OutboxWorker, type Logger, type PassResult } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { CallbackRefused } from './callbackUrl';
import { ReportSubscriptionEntity } from './subscription.entity';
import type { DeliveryPayload } from './webhookEvents';
import { WebhookDeliveryEntity } from './webhookDelivery.entity';
import type { WebhookSecrets } from './webhookSecrets';
import { sendWebhook, type SendOptions } from './webhookSender';

export interface WebhookDeliveryOptions extends SendOptions {
  pollMs: number;
  maxAttempts: number;
  logger: Logger;
}

/** A delivery nobody can make any more (no key, cancelled subscription): parked at once like a refused URL. */
class Undeliverable extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Delivers the webhook outbox with the shared OutboxWorker: retries with exponential back-off and
 * jitter, parks after WEBHOOK_MAX_ATTEMPTS, and at once for a callback the platform refuses (SSRF)
 * or a subscription cancelled since. Several replicas may poll one database (the worker's claims).
 */
export class WebhookDeliveries {
  readonly worker: OutboxWorker<WebhookDeliveryEntity, number>;

  constructor(
    private readonly db: DataSource,
    private readonly secrets: WebhookSecrets,
    private readonly opts: WebhookDeliveryOptions,
  ) {
    this.worker = new OutboxWorker(db, {
      target: WebhookDeliveryEntity,
      deliver: (row) => this.deliver(row),
      retryable: (err) => !(err instanceof CallbackRefused) && !(err instanceof Undeliverable),
      pollMs: opts.pollMs,
      maxAttempts: opts.maxAttempts,
      logger: opts.logger,
    });
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Everything deliverable now, ignoring back-off (tests). */
  drain(): Promise<PassResult> {
    return this.worker.drain();
  }

  private async deliver(row: WebhookDeliveryEntity): Promise<number> {
    const { event } = JSON.parse(row.payload) as DeliveryPayload;
    const sub = await this.db.getRepository(ReportSubscriptionEntity).findOneBy({ id: row.subscriptionId });
    if (!sub || sub.cancelledAt) throw new Undeliverable('CANCELLED', 'the subscription was cancelled');
    const key = await this.secrets.activeFor(sub.partnerId);
    if (!key) throw new Undeliverable('NO_SECRET', 'the partner has no webhook secret');
    return sendWebhook(sub.callbackUrl, JSON.stringify(event), event.id, key, this.opts);
  }
}

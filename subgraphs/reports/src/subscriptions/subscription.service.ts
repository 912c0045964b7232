import { randomUUID } from 'node:crypto';
import {
  audit,
  auditAct,
  badUserInput,
  conflict,
  dbTime,
  notFound,
  type Principal,
  type ServiceContext,
} from '@credit/shared';
import { IsNull, LessThan, type DataSource } from 'typeorm';
import { codeMatches } from '../integrity/verificationCode';
import { CreditReportEntity } from '../report/report.entity';
import { ReportStatus } from '../report/report.type';
import { isWellFormedReportNumber } from '../report/reportNumber';
import type { WriteQueue } from '../report/writeQueue';
import { verificationClient, type VerificationGuard } from '../verification/verificationGuard';
import { CallbackRefused, parseCallbackUrl, resolveCallback, type CallbackRules, type Resolver } from './callbackUrl';
import { ReportSubscriptionEntity } from './subscription.entity';
import {
  ReportSubscription,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEventKind,
  WebhookSecret,
} from './subscription.type';
import { WebhookDeliveryEntity } from './webhookDelivery.entity';
import { enqueueReportEvents } from './webhookEvents';
import type { WebhookSecrets } from './webhookSecrets';

export const MAX_DELIVERIES_PAGE = 500;

const partnerOf = (ctx: ServiceContext) => (ctx.principal as Extract<Principal, { role: 'PARTNER' }>).partnerId;

const toSubscription = (s: ReportSubscriptionEntity) =>
  Object.assign(new ReportSubscription(), {
    id: s.id,
    reportNumber: s.reportNumber,
    callbackUrl: s.callbackUrl,
    createdAt: s.createdAt.toISOString(),
    cancelledAt: s.cancelledAt ? s.cancelledAt.toISOString() : null,
    active: !s.cancelledAt,
  });

const toDelivery = (d: WebhookDeliveryEntity) =>
  Object.assign(new WebhookDelivery(), {
    id: String(d.id),
    eventId: d.eventId,
    subscriptionId: d.subscriptionId,
    reportNumber: d.reportNumber,
    kind: d.kind as WebhookEventKind,
    status: d.status as WebhookDeliveryStatus,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    nextAttemptAt: d.status === WebhookDeliveryStatus.PENDING ? d.nextAttemptAt.toISOString() : null,
    payload: JSON.stringify((JSON.parse(d.payload) as { event: unknown }).event),
  });

/**
 * Responsible for report users' subscriptions: a partner that holds a report's verification code
 * subscribes a callback URL to the report and receives signed events (webhookEvents.ts, delivered by
 * WebhookDeliveries). A partner sees and acts on its own subscriptions and deliveries only; anything
 * else answers NOT_FOUND, as an unknown id does.
 */
export class SubscriptionService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: WebhookSecrets,
    private readonly guard: VerificationGuard,
    private readonly rules: CallbackRules,
    private readonly writes: WriteQueue = (fn) => fn(),
    private readonly resolve?: Resolver,
  ) {}

  async subscribe(ctx: ServiceContext, rawNumber: string, code: string, rawUrl: string): Promise<ReportSubscription> {
    const partnerId = partnerOf(ctx);
    const url = await this.checkedUrl(rawUrl);
    const number = (rawNumber ?? '').trim().toUpperCase();
    if (!isWellFormedReportNumber(number)) throw notFound('report', number || '(empty)');
    // The code is checked as verifyReport checks it, under the same per-client wrong-code guard.
    const client = verificationClient(ctx);
    await this.guard.assertOpen(number, client, 'graphql');
    const report = await this.db.getRepository(CreditReportEntity).findOneBy({ number });
    if (!report || !codeMatches(number, code ?? '', report.codeHash)) {
      await this.guard.failed(ctx, number, client, 'graphql');
      throw notFound('report', number);
    }
    if (report.status !== ReportStatus.ISSUED)
      throw conflict(`report ${number} is revoked: nothing more will happen to it`, { field: 'number' });
    if (!(await this.secrets.hasSecret(partnerId)))
      throw conflict('create a webhook secret first (createWebhookSecret): events are signed with it', {
        field: 'callbackUrl',
        reason: 'NO_WEBHOOK_SECRET',
      });
    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(ReportSubscriptionEntity);
        const same = await repo.findOneBy({ partnerId, reportNumber: number, callbackUrl: url, cancelledAt: IsNull() });
        if (same) return toSubscription(same);
        const row = repo.create({
          id: randomUUID(),
          partnerId,
          reportNumber: number,
          callbackUrl: url,
          cancelledAt: null,
        });
        await repo.insert(row);
        await audit(tx, ctx, { action: 'report.subscribe', subjectCodes: [report.creditCode], target: number });
        return toSubscription((await repo.findOneBy({ id: row.id }))!);
      }),
    );
  }

  async unsubscribe(ctx: ServiceContext, id: string): Promise<ReportSubscription> {
    const partnerId = partnerOf(ctx);
    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(ReportSubscriptionEntity);
        const row = await repo.findOneBy({ id: String(id ?? '') });
        if (!row || row.partnerId !== partnerId) throw notFound('subscription', String(id));
        if (row.cancelledAt) return toSubscription(row);
        row.cancelledAt = new Date();
        await repo.update({ id: row.id }, { cancelledAt: row.cancelledAt });
        const report = await tx.getRepository(CreditReportEntity).findOneBy({ number: row.reportNumber });
        await audit(tx, ctx, {
          action: 'report.unsubscribe',
          subjectCodes: report ? [report.creditCode] : [],
          target: row.reportNumber,
        });
        return toSubscription(row);
      }),
    );
  }

  async mine(ctx: ServiceContext, includeCancelled: boolean): Promise<ReportSubscription[]> {
    const rows = await this.db.getRepository(ReportSubscriptionEntity).find({
      where: { partnerId: partnerOf(ctx), ...(includeCancelled ? {} : { cancelledAt: IsNull() }) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: MAX_DELIVERIES_PAGE,
    });
    return rows.map(toSubscription);
  }

  async deliveries(
    ctx: ServiceContext,
    status: WebhookDeliveryStatus | null | undefined,
    first: number,
  ): Promise<WebhookDelivery[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_PAGE)
      throw badUserInput('first', `must be between 1 and ${MAX_DELIVERIES_PAGE}`);
    const rows = await this.db.getRepository(WebhookDeliveryEntity).find({
      where: { partnerId: partnerOf(ctx), ...(status ? { status } : {}) },
      order: { id: 'DESC' },
      take: first,
    });
    return rows.map(toDelivery);
  }

  /** Puts one of the partner's deliveries back in the queue, due now, with its event id unchanged. */
  async redeliver(ctx: ServiceContext, id: string): Promise<WebhookDelivery> {
    const partnerId = partnerOf(ctx);
    const key = Number(id);
    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(WebhookDeliveryEntity);
        const row = Number.isSafeInteger(key) && key > 0 ? await repo.findOneBy({ id: key }) : null;
        if (!row || row.partnerId !== partnerId) throw notFound('webhook delivery', String(id));
        if (row.status === WebhookDeliveryStatus.PENDING)
          throw conflict(`webhook delivery ${id} is already queued`, { field: 'id' });
        const sub = await tx.getRepository(ReportSubscriptionEntity).findOneBy({ id: row.subscriptionId });
        if (!sub || sub.cancelledAt)
          throw conflict(`the subscription of webhook delivery ${id} is cancelled`, { field: 'id' });
        const due = {
          status: WebhookDeliveryStatus.PENDING,
          attempts: 0,
          nextAttemptAt: new Date(),
          claimedUntil: null,
        };
        await repo.update({ id: row.id }, due);
        await auditAct(tx, ctx, { action: 'webhook.redeliver', target: `${row.reportNumber}:${row.eventId}` });
        return toDelivery(Object.assign(row, due, { lastError: row.lastError }));
      }),
    );
  }

  /** A new signing key for the calling partner; its secret is in this answer only. */
  async createSecret(ctx: ServiceContext): Promise<WebhookSecret> {
    const partnerId = partnerOf(ctx);
    const created = await this.writes(() =>
      this.db.transaction(async (tx) => {
        const key = await this.secrets.create(tx, partnerId);
        await auditAct(tx, ctx, { action: 'webhook.secret.create', target: key.keyId });
        return key;
      }),
    );
    return Object.assign(new WebhookSecret(), { ...created, createdAt: created.createdAt.toISOString() });
  }

  /**
   * A commitment of the subject was marked breached (entities' outbox, at least once): BREACHED events
   * for the subscriptions of its reports issued before the breach, once per breach whatever the
   * redeliveries (the event ids derive from the breach).
   */
  async breachRecorded(creditCode: string, commitmentId: string, breachedAt: Date): Promise<number> {
    const reports = await this.db.getRepository(CreditReportEntity).find({
      select: { number: true },
      where: { creditCode, status: ReportStatus.ISSUED, issuedAt: LessThan(dbTime(this.db, breachedAt) as Date) },
    });
    if (reports.length === 0) return 0;
    return this.writes(() =>
      this.db.transaction((tx) =>
        enqueueReportEvents(
          tx,
          reports.map((r) => ({
            reportNumber: r.number,
            kind: WebhookEventKind.BREACHED,
            occurredAt: breachedAt,
            once: `breach:${commitmentId}:${breachedAt.toISOString()}`,
          })),
        ),
      ),
    );
  }

  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = parseCallbackUrl(raw, this.rules);
      await resolveCallback(url, this.rules, this.resolve);
      return url.toString();
    } catch (err) {
      if (err instanceof CallbackRefused) throw badUserInput('callbackUrl', err.message);
      throw badUserInput('callbackUrl', `could not be resolved: ${(err as Error).message}`);
    }
  }
}

import { audit, forbidden, notFound, requirePrincipal, Role, type ServiceContext } from '@credit/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ObjectionEntity } from '../objection/objection.entity';
import type { ObjectionStatus } from '../objection/objectionStatus';
import { appendSteps } from '../workflow/timeline';
import { OutboxEntity, OutboxKind, OutboxStatus } from './outbox.entity';

/**
 * Outbox administration: what the lead department sees of effects not delivered yet, putting parked
 * ones back in the queue, and the bookkeeping once records confirmed a correction.
 */
export class OutboxAdministration {
  constructor(
    private readonly db: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Effects not delivered yet (PENDING and FAILED), oldest first. */
  async undelivered(limit = 500): Promise<OutboxEntity[]> {
    return this.db.getRepository(OutboxEntity).find({
      where: { status: In([OutboxStatus.PENDING, OutboxStatus.FAILED]) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Puts an objection's parked (FAILED) effects back in the queue, due now. */
  async retryEffects(ctx: ServiceContext, id: string): Promise<number> {
    const p = requirePrincipal(ctx);
    if (p.role !== Role.LEAD_DEPARTMENT) throw forbidden('only the lead department may retry parked deliveries');
    const o = await this.db.getRepository(ObjectionEntity).findOneBy({ id });
    if (!o) throw notFound('objection', id);
    const res = await this.db
      .getRepository(OutboxEntity)
      .update(
        { objectionId: id, status: OutboxStatus.FAILED },
        { status: OutboxStatus.PENDING, attempts: 0, nextAttemptAt: new Date(), claimedUntil: null },
      );
    await audit(this.db, ctx, { action: 'objection.retryEffects', subjectCodes: [o.creditCode], target: o.number });
    return res.affected ?? 0;
  }

  /** Outbox bookkeeping once records confirmed a correction: the applicant sees it applied. */
  async onDelivered(tx: EntityManager, row: OutboxEntity, result: { version?: number }): Promise<void> {
    if (row.kind !== OutboxKind.APPLY_CORRECTION) return;
    const o = await tx.getRepository(ObjectionEntity).findOneBy({ id: row.objectionId });
    if (!o || o.correctionAppliedAt) return;
    const now = this.clock();
    await tx
      .getRepository(ObjectionEntity)
      .update({ id: o.id }, { correctionAppliedAt: now, correctedVersion: result.version ?? null });
    await appendSteps(tx, o.id, now, [
      {
        action: 'CORRECTION_APPLIED',
        from: o.status as ObjectionStatus,
        to: o.status as ObjectionStatus,
        actor: 'service:records',
        role: Role.SERVICE,
        note: result.version ? `记录已按异议更正（第 ${result.version} 版）` : '记录已按异议更正',
      },
    ]);
  }
}

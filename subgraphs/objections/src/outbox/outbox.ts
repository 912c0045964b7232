import type { RecordsApi } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import { OutboxEntity, OutboxKind, OutboxStatus } from './outbox.entity';

export interface MarkPayload {
  recordId: string;
}
export type ClearPayload = MarkPayload;
export interface CorrectionPayload {
  recordId: string;
  action: RecordsApi.CorrectionAction;
  reason: string;
  changes: Record<string, unknown> | null;
}

/**
 * Writes an effect on the records subgraph inside the caller's transaction: it commits with the
 * objection's state change or not at all, and the worker delivers it afterwards.
 */
// Due at once by the wall clock (not a domain clock tests may move): the worker compares with real time.
export async function enqueue(
  tx: EntityManager,
  objectionId: string,
  kind: OutboxKind,
  payload: MarkPayload | CorrectionPayload,
): Promise<void> {
  await tx.getRepository(OutboxEntity).insert({
    objectionId,
    kind,
    payload: JSON.stringify(payload),
    attempts: 0,
    nextAttemptAt: new Date(),
    claimedUntil: null,
    deliveredAt: null,
    lastError: null,
    status: OutboxStatus.PENDING,
  });
}

import { pendingOutboxRow, ServiceCallError, type RecordsApi } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import { OutboxEntity, OutboxKind } from './outbox.entity';
import type { RecordsClient } from './recordsClient';

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
export async function enqueue(
  tx: EntityManager,
  objectionId: string,
  kind: OutboxKind,
  payload: MarkPayload | CorrectionPayload,
): Promise<void> {
  await tx.getRepository(OutboxEntity).insert({ objectionId, ...pendingOutboxRow(kind, payload) });
}

/** Sends one effect to records; records' internal API is idempotent on the objection id. */
export async function deliverEffect(records: RecordsClient, row: OutboxEntity): Promise<{ version?: number }> {
  switch (row.kind as OutboxKind) {
    case OutboxKind.MARK: {
      const p = JSON.parse(row.payload) as MarkPayload;
      await records.markUnderObjection(p.recordId, row.objectionId);
      return {};
    }
    case OutboxKind.CLEAR: {
      const p = JSON.parse(row.payload) as MarkPayload;
      await records.clearObjection(p.recordId, row.objectionId);
      return {};
    }
    case OutboxKind.APPLY_CORRECTION: {
      const p = JSON.parse(row.payload) as CorrectionPayload;
      const r = await records.applyCorrection({ ...p, objectionId: row.objectionId });
      return { version: r.version };
    }
    default:
      throw new ServiceCallError(`unknown outbox kind ${row.kind}`, 'BAD_OUTBOX_ROW', false);
  }
}

import { pendingOutboxRow, type ReportsApi } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import type { RecordEntity } from '../record/record.entity';
import type { FieldChanges } from '../record/revision.entity';
import { bulkLoad } from '../submission/bulkLoad';
import { RecordChangeOutboxEntity } from './recordChangeOutbox.entity';

export type RecordChange = ReportsApi.RecordChangeInput;
export type RecordChangeKind = ReportsApi.RecordChangeKind;

export const RECORD_CHANGES = 'RECORD_CHANGES';

/**
 * What a revision means to a report that covers the record. An objection closing changes nothing a
 * report shows (a correction it brought is its own CORRECTED/REVOKED/REPAIRED revision).
 */
const KIND_OF_ACTION: Record<string, RecordChangeKind | undefined> = {
  CREATED: 'ADDED_LATE',
  UPDATED: 'CORRECTED',
  CORRECTED: 'CORRECTED',
  REVOKED: 'REVOKED',
  REPAIRED: 'REPAIRED',
  OBJECTION_OPENED: 'UNDER_OBJECTION',
};

// Old -> new values travel for the owner's view; a long text is cut so one event stays small.
const VALUE_CHARS = 300;
const clip = (v: unknown) => (typeof v === 'string' && v.length > VALUE_CHARS ? `${v.slice(0, VALUE_CHARS)}…` : v);

/** The change one revision makes, in the receiver's terms; null when no report cares. */
export function recordChange(
  before: RecordEntity | null,
  after: RecordEntity,
  action: string,
  at: Date,
  changed: FieldChanges | null,
): RecordChange | null {
  const kind = KIND_OF_ACTION[action];
  if (!kind) return null;
  const moved = before && (before.domainCode !== after.domainCode || before.decisionDate !== after.decisionDate);
  return {
    recordId: after.id,
    version: after.version,
    kind,
    at: at.toISOString(),
    creditCode: after.creditCode,
    domainCode: after.domainCode,
    decisionDate: after.decisionDate,
    decisionNumber: after.decisionNumber,
    ...(moved ? { previousDomainCode: before.domainCode, previousDecisionDate: before.decisionDate } : {}),
    ...(changed && Object.keys(changed).length
      ? {
          changes: JSON.stringify(
            Object.fromEntries(Object.entries(changed).map(([f, [from, to]]) => [f, [clip(from), clip(to)]])),
          ),
        }
      : {}),
  };
}

/**
 * A MySQL TEXT holds 65,535 bytes, a UTF-8 character up to 3: outbox payloads stay under this many
 * characters, so a 500-row batch goes out as a handful of rows in one INSERT.
 */
const PAYLOAD_CHARS = 20_000;

/**
 * Writes the changes to the outbox in the caller's transaction: they commit with the change or not at all.
 * Each change is serialised once and the payload put together from those texts (the same JSON as
 * `{ changes }` stringified whole), and a batch's rows go in as one LOAD DATA on MySQL: as a parameterised
 * INSERT, an import batch's ~2 MB of JSON was escaped character by character (profile, 2026-12-07).
 */
export async function publishRecordChanges(tx: EntityManager, changes: (RecordChange | null)[]): Promise<void> {
  const rows: ReturnType<typeof pendingOutboxRow>[] = [];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length) {
      const row = pendingOutboxRow(RECORD_CHANGES, null);
      row.payload = `{"changes":[${chunk.join(',')}]}`;
      rows.push(row);
    }
    chunk = [];
    size = 0;
  };
  for (const c of changes) {
    if (!c) continue;
    const text = JSON.stringify(c);
    if (size + text.length > PAYLOAD_CHARS) flush();
    chunk.push(text);
    size += text.length;
  }
  flush();
  // One row (a single change, an act's): an INSERT, one round trip fewer than LOAD DATA LOCAL.
  if (rows.length === 1) await tx.getRepository(RecordChangeOutboxEntity).insert(rows);
  else await bulkLoad(tx, RecordChangeOutboxEntity, rows);
}

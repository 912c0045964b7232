import { conflict } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import { TallyDeltas } from '../aggregates/tallyDeltas';
import { publishRecordChanges, recordChange } from '../changeFeed/recordChanges';
import { RecordEntity } from './record.entity';
import { changesJson, RevisionEntity, type FieldChanges } from './revision.entity';

export type RevisionAction =
  'CREATED' | 'UPDATED' | 'REPAIRED' | 'REVOKED' | 'CORRECTED' | 'OBJECTION_OPENED' | 'OBJECTION_CLOSED';

export interface RevisionInput {
  action: RevisionAction;
  actor: string;
  reason: string;
  objectionId?: string | null;
  batchId?: string | null;
}

type Changes = Partial<Omit<RecordEntity, 'id' | 'version' | 'updatedAt'>>;

/** Field-by-field difference, `{ field: [before, after] }`, of the fields that really change. */
export function diff(before: RecordEntity, changes: Changes): FieldChanges {
  const out: FieldChanges = {};
  for (const [k, after] of Object.entries(changes)) {
    const was = (before as unknown as Record<string, unknown>)[k] ?? null;
    const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
    if (norm(was) !== norm(after)) out[k] = [norm(was), norm(after)];
  }
  return out;
}

export const isUniqueViolation = (err: unknown): boolean => {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
};

/**
 * Changes one record inside the caller's transaction, appends its revision and moves it between
 * the statistics' tallies if a tallied field changed; the change goes to reports through the change
 * outbox in the same transaction. The revision's sequence number is unique per record, so two concurrent changes of one record cannot both
 * commit: the loser gets CONFLICT and may retry against the new state.
 */
export async function reviseRecord(
  tx: EntityManager,
  record: RecordEntity,
  changes: Changes,
  rev: RevisionInput,
  now = new Date(),
): Promise<RecordEntity> {
  const changed = diff(record, changes);
  const seq = record.version + 1;
  try {
    await tx
      .getRepository(RecordEntity)
      .update({ id: record.id, version: record.version }, { ...changes, version: seq, updatedAt: now });
    await tx
      .createQueryBuilder()
      .insert()
      .into(RevisionEntity)
      .values({
        recordId: record.id,
        seq,
        action: rev.action,
        actor: rev.actor,
        at: now,
        reason: rev.reason.slice(0, 500),
        objectionId: rev.objectionId ?? null,
        batchId: rev.batchId ?? null,
        changes: changesJson(changed),
      })
      .updateEntity(false)
      .execute();
    // A repair, revocation or correction moves the record between statistics' tallies, in this transaction.
    const after = Object.assign(new RecordEntity(), record, changes, { version: seq, updatedAt: now });
    const deltas = new TallyDeltas();
    deltas.recordChange(record, after);
    await deltas.apply(tx);
    // Reports issued over this record learn of the change through the outbox, committed with it.
    await publishRecordChanges(tx, [recordChange(record, after, rev.action, now, changed)]);
    return after;
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`record ${record.id} was changed concurrently; retry`, { recordId: record.id });
    throw err;
  }
}

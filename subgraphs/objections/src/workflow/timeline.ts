import type { EntityManager } from 'typeorm';
import { maskActor } from '../objection/objectionAccess';
import type { ObjectionStatus } from '../objection/objectionStatus';
import { ObjectionEventEntity } from './objectionEvent.entity';
import { ObjectionEvent } from './objectionEvent.type';
import type { ObjectionAction } from './objectionStateMachine';

/** One step of an objection's timeline, as the act that made it describes it. */
export interface Step {
  action: ObjectionAction | 'CORRECTION_APPLIED';
  from: ObjectionStatus | null;
  to: ObjectionStatus;
  actor: string;
  role: string;
  note?: string | null;
}

/** A step of any case's timeline (objection or complaint). */
export interface CaseStep {
  action: string;
  from: string | null;
  to: string;
  actor: string;
  role: string;
  note?: string | null;
}

/**
 * Appends steps after a case's last one, inside the caller's transaction: `events` is the case
 * kind's event table and `ownerColumn` its column naming the case.
 */
export async function appendCaseEvents(
  tx: EntityManager,
  events: new () => object,
  ownerColumn: string,
  ownerId: string,
  at: Date,
  steps: readonly CaseStep[],
): Promise<void> {
  const raw = await tx
    .getRepository(events)
    .createQueryBuilder('e')
    .select('MAX(e.seq)', 'max')
    .where(`e.${ownerColumn} = :ownerId`, { ownerId })
    .getRawOne<{ max: number | string | null }>();
  let seq = Number(raw?.max ?? 0);
  await tx.getRepository(events).insert(
    steps.map((s) => ({
      [ownerColumn]: ownerId,
      seq: ++seq,
      action: s.action,
      fromStatus: s.from,
      toStatus: s.to,
      actor: s.actor,
      role: s.role,
      at,
      note: s.note ?? null,
    })),
  );
}

/** Appends steps after the objection's last one, inside the caller's transaction. */
export const appendSteps = (tx: EntityManager, objectionId: string, at: Date, steps: Step[]): Promise<void> =>
  appendCaseEvents(tx, ObjectionEventEntity, 'objectionId', objectionId, at, steps);

export function toEventView(e: ObjectionEventEntity, masked: boolean): ObjectionEvent {
  return Object.assign(new ObjectionEvent(), {
    seq: e.seq,
    action: e.action,
    fromStatus: e.fromStatus as ObjectionStatus | null,
    toStatus: e.toStatus as ObjectionStatus,
    actor: maskActor(e.actor, masked),
    role: e.role,
    at: e.at.toISOString(),
    note: e.note,
  });
}

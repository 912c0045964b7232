import type { EntityManager } from 'typeorm';
import { maskActor } from '../case/actorMask';
import { appendCaseEvents } from '../case/timeline';
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

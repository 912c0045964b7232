import { maskIdNumber, type Principal } from '@credit/shared';
import type { EvidenceEntity } from '../evidence/evidence.entity';
import type { ObjectionEntity } from './objection.entity';
import type { ObjectionEventEntity } from './objectionEvent.entity';
import {
  CorrectionChange,
  EvidenceAttachment,
  Objection,
  ObjectionCorrection,
  ObjectionCorrectionAction,
  ObjectionEvent,
} from './objection.type';
import { ObjectionStatus, ObjectionType } from './objectionStatus';
import { isMaskedFor, maskActor } from './objectionAccess';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The due date of the step the objection is waiting for; null once it is decided. */
export function currentDueDate(o: Pick<ObjectionEntity, 'status' | 'acceptDueOn' | 'reviewDueOn'>): string | null {
  switch (o.status) {
    case ObjectionStatus.SUBMITTED:
      return o.acceptDueOn;
    case ObjectionStatus.ACCEPTED:
    case ObjectionStatus.FORWARDED:
    case ObjectionStatus.UNDER_REVIEW:
      return o.reviewDueOn;
    default:
      return null;
  }
}

/** Overdue: the due date has passed (the due day itself still counts as in time). */
export const isOverdue = (
  o: Pick<ObjectionEntity, 'status' | 'acceptDueOn' | 'reviewDueOn'>,
  today: string,
): boolean => {
  const due = currentDueDate(o);
  return due !== null && today > due;
};

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : String(v);

/** The GraphQL view of an objection for one caller on one day. Internal extras ride along unexposed. */
export function toObjectionView(e: ObjectionEntity, p: Principal | undefined, today: string): Objection {
  const masked = isMaskedFor(p, e);
  const c = e.correction;
  const correction = c
    ? Object.assign(new ObjectionCorrection(), {
        action: c.action as ObjectionCorrectionAction,
        reason: c.reason,
        changes: Object.entries(c.changes ?? {}).map(([field, value]) =>
          Object.assign(new CorrectionChange(), { field, value: asText(value) }),
        ),
        applied: e.correctionAppliedAt !== null,
        appliedAt: iso(e.correctionAppliedAt),
        recordVersion: e.correctedVersion,
      })
    : null;
  return Object.assign(new Objection(), {
    id: e.id,
    number: e.number,
    type: e.type as ObjectionType,
    status: e.status as ObjectionStatus,
    recordId: e.recordId,
    creditCode: masked ? maskIdNumber(e.creditCode) : e.creditCode,
    domainCode: e.domainCode,
    unitCode: e.unitCode,
    reason: e.reason,
    filedAt: iso(e.filedAt)!,
    acceptDueDate: e.acceptDueOn,
    reviewDueDate: e.reviewDueOn,
    dueDate: currentDueDate(e),
    overdue: isOverdue(e, today),
    refusalReason: e.refusalReason,
    explanation: e.explanation,
    correction,
    decidedAt: iso(e.decidedAt),
    closedAt: iso(e.closedAt),
    masked,
  });
}

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

export const toEvidenceView = (e: EvidenceEntity): EvidenceAttachment =>
  Object.assign(new EvidenceAttachment(), {
    id: e.id,
    name: e.name,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
  });

import { canSeePersonalData, forbidden, maskIdNumber, Role, unauthenticated, type Principal } from '@credit/shared';
import { maskActor } from '../case/actorMask';
import { maskContact } from './contact';
import type { FeedbackEntity, FeedbackEventEntity } from './feedback.entity';
import { FEEDBACK_DEADLINES } from './feedbackDeadlines';
import type { FeedbackKind, FeedbackStatus } from './feedbackStatus';
import { Feedback, FeedbackEvent } from './feedback.type';

type Owned = Pick<FeedbackEntity, 'creditCode' | 'unitCode'>;

/**
 * Who may read a case: the filing subject (and an operator acting for subjects), the unit it was
 * forwarded to, the lead department and services; an anonymous filer through its number and
 * access code (FeedbackDesk.byAccessCode). Analysts see only the assessment's aggregates.
 */
export function mayReadFeedback(p: Principal, f: Owned): boolean {
  switch (p.role) {
    case Role.SUBJECT:
      return f.creditCode !== null && p.creditCode === f.creditCode;
    case Role.SOURCE_UNIT:
      return f.unitCode !== null && p.unitCode === f.unitCode;
    case Role.OPERATOR:
      return f.creditCode !== null;
    case Role.LEAD_DEPARTMENT:
    case Role.SERVICE:
      return true;
    default:
      return false;
  }
}

export function assertMayListFeedback(p: Principal | undefined): asserts p is Principal {
  if (!p)
    throw unauthenticated('consultations and complaints require a bearer token (or a case number and access code)');
  if (p.role === Role.ANALYST) throw forbidden('analysts see the assessment aggregates only, never a complaint');
  if (p.role === Role.PARTNER) throw forbidden('partners may not read consultations or complaints');
}

/** The denial for a case the caller may not read. */
export const notYours = (p: Principal) =>
  forbidden(
    p.role === Role.SOURCE_UNIT
      ? 'this complaint has not been forwarded to the caller'
      : 'a subject may read only its own consultations and complaints',
  );

/** Contact details are for those who answer: the lead department, services and the unit handling it. */
const handles = (p: Principal | undefined, f: Owned) =>
  p !== undefined &&
  (p.role === Role.LEAD_DEPARTMENT ||
    p.role === Role.SERVICE ||
    (p.role === Role.SOURCE_UNIT && f.unitCode !== null && p.unitCode === f.unitCode));

const isMaskedFor = (p: Principal | undefined, f: Pick<FeedbackEntity, 'creditCode' | 'naturalPerson'>) =>
  f.naturalPerson && f.creditCode !== null && !canSeePersonalData(p, f.creditCode);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toFeedbackView(e: FeedbackEntity, p: Principal | undefined, today: string): Feedback {
  const masked = isMaskedFor(p, e);
  const contact =
    e.contactName || e.contactPhone || e.contactEmail
      ? { name: e.contactName, phone: e.contactPhone, email: e.contactEmail }
      : null;
  const showContact = handles(p, e);
  return Object.assign(new Feedback(), {
    id: e.id,
    number: e.number,
    kind: e.kind as FeedbackKind,
    status: e.status as FeedbackStatus,
    creditCode: e.creditCode && masked ? maskIdNumber(e.creditCode) : e.creditCode,
    anonymous: e.creditCode === null,
    contact: contact ? { ...(showContact ? contact : maskContact(contact)), masked: !showContact } : null,
    content: e.content,
    officeName: e.officeName,
    officeUnitCode: e.officeUnitCode,
    matter: e.matter,
    matterCode: e.matterCode,
    demandedOn: e.demandedOn,
    regionCode: e.regionCode,
    unitCode: e.unitCode,
    filedAt: e.filedAt.toISOString(),
    dueDate: FEEDBACK_DEADLINES.currentDue(e),
    dueDateProvisional: FEEDBACK_DEADLINES.isProvisional(e),
    overdue: FEEDBACK_DEADLINES.isOverdue(e, today),
    unitReply: e.unitReply,
    rectified: e.rectified,
    answer: e.answer,
    dismissalReason: e.dismissalReason,
    endedAt: iso(e.endedAt),
  });
}

export function toFeedbackEventView(e: FeedbackEventEntity, masked: boolean): FeedbackEvent {
  return Object.assign(new FeedbackEvent(), {
    seq: e.seq,
    action: e.action,
    fromStatus: e.fromStatus as FeedbackStatus | null,
    toStatus: e.toStatus as FeedbackStatus,
    actor: maskActor(e.actor, masked),
    role: e.role,
    at: e.at.toISOString(),
    note: e.note,
  });
}

/** Whether the timeline's subject actor is masked for this caller. */
export const timelineMasked = (p: Principal | undefined, f: Pick<FeedbackEntity, 'creditCode' | 'naturalPerson'>) =>
  isMaskedFor(p, f);

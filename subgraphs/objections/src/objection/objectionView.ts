import { maskIdNumber, type Principal } from '@credit/shared';
import { toCorrectionView } from '../correction/correctionView';
import { currentDueDate, isDueProvisional, isOverdue } from '../workflow/deadlines';
import type { ObjectionEntity } from './objection.entity';
import { Objection } from './objection.type';
import { isMaskedFor } from './objectionAccess';
import type { ObjectionStatus, ObjectionType } from './objectionStatus';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The GraphQL view of an objection for one caller on one day. Internal extras ride along unexposed. */
export function toObjectionView(e: ObjectionEntity, p: Principal | undefined, today: string): Objection {
  const masked = isMaskedFor(p, e);
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
    dueDateProvisional: isDueProvisional(e),
    overdue: isOverdue(e, today),
    refusalReason: e.refusalReason,
    explanation: e.explanation,
    correction: toCorrectionView(e),
    decidedAt: iso(e.decidedAt),
    closedAt: iso(e.closedAt),
    masked,
  });
}

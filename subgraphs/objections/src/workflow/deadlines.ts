import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { ObjectionEntity } from '../objection/objection.entity';
import { ObjectionStatus } from '../objection/objectionStatus';

/** The working-day periods of the workflow (ACCEPT_WORKING_DAYS, REVIEW_WORKING_DAYS). */
export interface DeadlineRules {
  acceptWorkingDays: number;
  reviewWorkingDays: number;
}

type Dated = Pick<ObjectionEntity, 'status' | 'acceptDueOn' | 'reviewDueOn'>;

/** The due date of the step the objection is waiting for; null once it is decided. */
export function currentDueDate(o: Dated): string | null {
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
export const isOverdue = (o: Dated, today: string): boolean => {
  const due = currentDueDate(o);
  return due !== null && today > due;
};

/** Overdue: waiting for acceptance past its day, or for the unit's decision past its day. */
export function whereOverdue<T extends object>(qb: SelectQueryBuilder<T>, today: string): SelectQueryBuilder<T> {
  return qb.andWhere(
    new Brackets((w) =>
      w
        .where('(o.status = :submitted AND o.acceptDueOn < :today)', { submitted: ObjectionStatus.SUBMITTED, today })
        .orWhere('(o.status IN (:...reviewing) AND o.reviewDueOn < :today)', {
          reviewing: [ObjectionStatus.FORWARDED, ObjectionStatus.UNDER_REVIEW],
        }),
    ),
  );
}

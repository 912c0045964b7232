import { StepDeadlines } from '@credit/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ObjectionEntity } from '../objection/objection.entity';
import { ObjectionStatus } from '../objection/objectionStatus';

/** The working-day periods of the workflow (ACCEPT_WORKING_DAYS, REVIEW_WORKING_DAYS). */
export interface DeadlineRules {
  acceptWorkingDays: number;
  reviewWorkingDays: number;
}

type Dated = Pick<ObjectionEntity, 'status' | 'acceptDueOn' | 'reviewDueOn' | 'dueProvisional'>;

/** Waiting for acceptance until acceptDueOn, then for the unit's decision until reviewDueOn. */
const OBJECTION_DEADLINES = new StepDeadlines<ObjectionStatus, Dated>(
  {
    [ObjectionStatus.SUBMITTED]: 'acceptDueOn',
    [ObjectionStatus.ACCEPTED]: 'reviewDueOn',
    [ObjectionStatus.FORWARDED]: 'reviewDueOn',
    [ObjectionStatus.UNDER_REVIEW]: 'reviewDueOn',
  },
  'dueProvisional',
);

/** The due date of the step the objection is waiting for; null once it is decided. */
export const currentDueDate = (o: Dated): string | null => OBJECTION_DEADLINES.currentDue(o);

/** The current step's due date may still move (beyond the known calendar years). */
export const isDueProvisional = (o: Dated): boolean => OBJECTION_DEADLINES.isProvisional(o);

/** Overdue: the due date has passed (the due day itself still counts as in time). */
export const isOverdue = (o: Dated, today: string): boolean => OBJECTION_DEADLINES.isOverdue(o, today);

/** Overdue: waiting for acceptance past its day, or for the unit's decision past its day (alias `o`). */
export const whereOverdue = <T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  today: string,
): SelectQueryBuilder<T> => OBJECTION_DEADLINES.whereOverdue(qb, 'o', today);

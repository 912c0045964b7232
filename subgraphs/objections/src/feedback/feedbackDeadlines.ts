import { StepDeadlines } from '@credit/shared';
import type { FeedbackEntity } from './feedback.entity';
import { FeedbackStatus } from './feedbackStatus';

/** The working-day periods (FEEDBACK_ANSWER_WORKING_DAYS, FEEDBACK_UNIT_WORKING_DAYS). */
export interface FeedbackDeadlineRules {
  /** The lead department answers, forwards or dismisses, and feeds a unit's reply back, within these. */
  answerWorkingDays: number;
  /** The supervising unit replies to a forwarded 应替未替 complaint within these. */
  unitWorkingDays: number;
}

/** Every open step keeps its due day in `dueOn`, set when the step starts. */
export const FEEDBACK_DEADLINES = new StepDeadlines<
  FeedbackStatus,
  Pick<FeedbackEntity, 'status' | 'dueOn' | 'dueProvisional'>
>(
  {
    [FeedbackStatus.SUBMITTED]: 'dueOn',
    [FeedbackStatus.FORWARDED]: 'dueOn',
    [FeedbackStatus.UNIT_REPLIED]: 'dueOn',
  },
  'dueProvisional',
);

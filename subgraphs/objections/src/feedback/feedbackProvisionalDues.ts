import { chinaDate, type WorkingCalendar } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { FeedbackEntity } from './feedback.entity';
import type { FeedbackDeadlineRules } from './feedbackDeadlines';
import { FeedbackStatus } from './feedbackStatus';

/**
 * Due days of open complaints that were provisional (beyond the known calendar years), counted
 * again from the day their step started with a newer calendar, as objections' are
 * (workflow/provisionalDues.ts). Each row is updated only if its status and due day are still the
 * ones read (a concurrent act wins).
 */
export async function recountProvisionalComplaintDues(
  db: DataSource,
  calendar: WorkingCalendar,
  rules: FeedbackDeadlineRules,
): Promise<number> {
  let complaints = 0;
  const cases = await db
    .getRepository(FeedbackEntity)
    .createQueryBuilder('f')
    .where('f.dueProvisional = :yes', { yes: true })
    .andWhere('f.status IN (:...open)', { open: Object.keys(FEEDBACK_STEP) })
    .getMany();
  for (const f of cases) {
    const step = FEEDBACK_STEP[f.status as keyof typeof FEEDBACK_STEP];
    const started = f[step.started];
    if (!started) continue;
    const due = calendar.dueIn(chinaDate(started), rules[step.rule]);
    const r = await db
      .getRepository(FeedbackEntity)
      .update(
        { id: f.id, status: f.status, dueOn: f.dueOn!, dueProvisional: true },
        { dueOn: due.date, dueProvisional: due.provisional },
      );
    if (r.affected) complaints++;
  }
  return complaints;
}

/** When each open complaint step started, and the working days it allows (as FeedbackDesk sets them). */
const FEEDBACK_STEP = {
  [FeedbackStatus.SUBMITTED]: { started: 'filedAt', rule: 'answerWorkingDays' },
  [FeedbackStatus.FORWARDED]: { started: 'forwardedAt', rule: 'unitWorkingDays' },
  [FeedbackStatus.UNIT_REPLIED]: { started: 'unitRepliedAt', rule: 'answerWorkingDays' },
} as const;

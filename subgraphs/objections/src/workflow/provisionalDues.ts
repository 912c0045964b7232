import { chinaDate, type WorkingCalendar } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { moveInTallies } from '../aggregates/objectionTallies';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { FeedbackStatus } from '../feedback/feedbackStatus';
import { ObjectionEntity } from '../objection/objection.entity';
import { ObjectionStatus } from '../objection/objectionStatus';
import type { DeadlineRules } from './deadlines';

export interface FeedbackDueRules {
  answerWorkingDays: number;
  unitWorkingDays: number;
}

/**
 * Due days of open cases that were provisional (beyond the known calendar years), counted again
 * from the day their step started with a newer calendar. Only provisional ones move: a due day
 * counted within known years was told to people and stands even if that year is later corrected.
 * Each row is updated only if its status and due day are still the ones read (a concurrent act wins).
 */
export async function recountProvisionalDues(
  db: DataSource,
  calendar: WorkingCalendar,
  objectionRules: DeadlineRules,
  feedbackRules: FeedbackDueRules,
): Promise<{ objections: number; complaints: number }> {
  let objections = 0;
  const open = await db
    .getRepository(ObjectionEntity)
    .createQueryBuilder('o')
    .where('o.dueProvisional = :yes', { yes: true })
    .andWhere('o.status IN (:...open)', { open: Object.keys(OBJECTION_STEP) })
    .getMany();
  for (const o of open) {
    const step = OBJECTION_STEP[o.status as keyof typeof OBJECTION_STEP];
    const started = step.column === 'acceptDueOn' ? o.filedAt : o.forwardedAt;
    if (!started) continue;
    const due = calendar.dueIn(chinaDate(started), objectionRules[step.rule]);
    const changed = await db.transaction(async (tx) => {
      const r = await tx
        .getRepository(ObjectionEntity)
        .update(
          { id: o.id, status: o.status, [step.column]: o[step.column], dueProvisional: true },
          { [step.column]: due.date, dueProvisional: due.provisional },
        );
      if (!r.affected) return false;
      await moveInTallies(tx, o, { ...o, [step.column]: due.date, dueProvisional: due.provisional });
      return true;
    });
    if (changed) objections++;
  }
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
    const due = calendar.dueIn(chinaDate(started), feedbackRules[step.rule]);
    const r = await db
      .getRepository(FeedbackEntity)
      .update(
        { id: f.id, status: f.status, dueOn: f.dueOn!, dueProvisional: true },
        { dueOn: due.date, dueProvisional: due.provisional },
      );
    if (r.affected) complaints++;
  }
  return { objections, complaints };
}

/** Which due column each open status waits on, and the working days its step allows. */
const OBJECTION_STEP = {
  [ObjectionStatus.SUBMITTED]: { column: 'acceptDueOn', rule: 'acceptWorkingDays' },
  [ObjectionStatus.ACCEPTED]: { column: 'reviewDueOn', rule: 'reviewWorkingDays' },
  [ObjectionStatus.FORWARDED]: { column: 'reviewDueOn', rule: 'reviewWorkingDays' },
  [ObjectionStatus.UNDER_REVIEW]: { column: 'reviewDueOn', rule: 'reviewWorkingDays' },
} as const;

/** When each open complaint step started, and the working days it allows (as FeedbackDesk sets them). */
const FEEDBACK_STEP = {
  [FeedbackStatus.SUBMITTED]: { started: 'filedAt', rule: 'answerWorkingDays' },
  [FeedbackStatus.FORWARDED]: { started: 'forwardedAt', rule: 'unitWorkingDays' },
  [FeedbackStatus.UNIT_REPLIED]: { started: 'unitRepliedAt', rule: 'answerWorkingDays' },
} as const;

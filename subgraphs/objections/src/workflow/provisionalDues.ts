import { chinaDate, type WorkingCalendar } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { moveInTallies } from '../aggregates/objectionTallies';
import { ObjectionEntity } from '../objection/objection.entity';
import { ObjectionStatus } from '../objection/objectionStatus';
import type { DeadlineRules } from './deadlines';

/**
 * Due days of open objections that were provisional (beyond the known calendar years), counted again
 * from the day their step started with a newer calendar. Only provisional ones move: a due day
 * counted within known years was told to people and stands even if that year is later corrected.
 * Each row is updated only if its status and due day are still the ones read (a concurrent act wins).
 */
export async function recountProvisionalDues(
  db: DataSource,
  calendar: WorkingCalendar,
  objectionRules: DeadlineRules,
): Promise<number> {
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
  return objections;
}

/** Which due column each open status waits on, and the working days its step allows. */
const OBJECTION_STEP = {
  [ObjectionStatus.SUBMITTED]: { column: 'acceptDueOn', rule: 'acceptWorkingDays' },
  [ObjectionStatus.ACCEPTED]: { column: 'reviewDueOn', rule: 'reviewWorkingDays' },
  [ObjectionStatus.FORWARDED]: { column: 'reviewDueOn', rule: 'reviewWorkingDays' },
  [ObjectionStatus.UNDER_REVIEW]: { column: 'reviewDueOn', rule: 'reviewWorkingDays' },
} as const;

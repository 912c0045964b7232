import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { chinaDate, type DueDay, type WorkingCalendar } from './calendar';

/** What counts deadlines: the working calendar in force for this request. */
export type DueCalendar = Pick<WorkingCalendar, 'dueIn'>;

/** The due day of a step that starts at `at` and may take `workingDays` working days (Guizhou calendar). */
export const workingDaysDue = (calendar: DueCalendar, at: Date, workingDays: number): DueDay =>
  calendar.dueIn(chinaDate(at), workingDays);

/** Past due: the due day itself still counts as in time. */
export const isPastDue = (due: string | null | undefined, today: string): boolean => !!due && today > due;

/**
 * The working-day deadline of a case's current step (an objection's, a complaint's): each status
 * that waits for someone names the column that holds its due day (YYYY-MM-DD); other statuses
 * wait for nobody. One table answers "when is it due", "is it overdue" and the SQL of the
 * overdue scans, so the flag on one case and the overdue lists can never disagree.
 */
export class StepDeadlines<S extends string, R extends { status: string }> {
  /**
   * `provisionalColumn`: the boolean column that marks the current step's due day provisional
   * (beyond the calendar's known years); such a case is not overdue until its year is set.
   */
  constructor(
    private readonly dueColumnOf: Readonly<Partial<Record<S, keyof R & string>>>,
    private readonly provisionalColumn?: keyof R & string,
  ) {}

  /** The due day of the step the case is waiting for; null when it waits for nobody. */
  currentDue(row: R): string | null {
    const column = this.dueColumnOf[row.status as S];
    return column ? ((row[column] as string | null | undefined) ?? null) : null;
  }

  isProvisional(row: R): boolean {
    // Truthy, not `=== true`: TypeORM merges MySQL's tinyint 1 back into an entity after an insert.
    return !!this.provisionalColumn && this.currentDue(row) !== null && Boolean(row[this.provisionalColumn]);
  }

  isOverdue(row: R, today: string): boolean {
    return !this.isProvisional(row) && isPastDue(this.currentDue(row), today);
  }

  /** Restricts `qb` (alias `alias`) to cases whose current step is past its due day. */
  whereOverdue<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    today: string,
  ): SelectQueryBuilder<T> {
    const byColumn = new Map<string, S[]>();
    for (const [status, column] of Object.entries(this.dueColumnOf) as [S, string][])
      byColumn.set(column, [...(byColumn.get(column) ?? []), status]);
    if (this.provisionalColumn)
      qb.andWhere(`${alias}.${this.provisionalColumn} = :dueProvisional`, { dueProvisional: false });
    return qb.andWhere(
      new Brackets((w) => {
        [...byColumn].forEach(([column, statuses], i) => {
          const clause = `(${alias}.status IN (:...dueStatuses${i}) AND ${alias}.${column} < :dueToday)`;
          const params = { [`dueStatuses${i}`]: statuses, dueToday: today };
          if (i === 0) w.where(clause, params);
          else w.orWhere(clause, params);
        });
      }),
    );
  }
}

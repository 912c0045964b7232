import type { DashboardOversightQuery } from '../graphql/generated/operations';

/** Fewer than 60 days of the working-day calendar known: deadlines after it are provisional. */
export function CalendarBanner({ ops }: { ops?: DashboardOversightQuery }) {
  const c = ops?.workingCalendarCoverage;
  if (!c?.short) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="calendar-banner">
      工作日历仅知至 {c.knownThrough ?? '—'}（剩余 {c.daysKnownAhead}{' '}
      天）：请在国务院办公厅公布下一年度节假日安排后，通过工作日历接口
      （setWorkingCalendar）录入；此后的办理期限均为暂定。
    </div>
  );
}

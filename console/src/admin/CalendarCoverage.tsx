import { Notice } from '../components/Status';
import type { AdminCalendarsQuery } from '../graphql/generated/operations';

/**
 * How far ahead deadlines are certain. A deadline in a year whose holidays are not set is counted
 * on weekends alone and shown as 暂定 everywhere: the next year should be set once it is published.
 */
export function CalendarCoverage({
  coverage,
  nextYear,
}: {
  coverage: AdminCalendarsQuery['workingCalendarCoverage'];
  nextYear: number;
}) {
  const nextKnown = coverage.knownYears.includes(nextYear);
  return (
    <section className="card" aria-labelledby="calendar-coverage" data-testid="calendar-coverage">
      <h2 id="calendar-coverage">期限计算的覆盖范围</h2>
      <p>
        已设置年度：{coverage.knownYears.length ? coverage.knownYears.join('、') : '无'}；工作日已知至{' '}
        <strong>{coverage.knownThrough ?? '—'}</strong>（距今 {coverage.daysKnownAhead} 天）。
      </p>
      {!nextKnown && (
        <Notice kind="error">
          <span className="tag tag-provisional">暂定</span> {nextYear} 年的节假日安排尚未设置：落在 {nextYear}{' '}
          年的办理期限只按周末计算，均标为暂定。国务院办公厅公布安排后，请在下方设置。
        </Notice>
      )}
      {nextKnown && coverage.short && (
        <Notice kind="error">工作日已知的天数不足，请尽快设置下一年度的节假日安排。</Notice>
      )}
      {nextKnown && !coverage.short && <Notice kind="ok">{nextYear} 年的节假日安排已设置，期限按正式安排计算。</Notice>}
    </section>
  );
}

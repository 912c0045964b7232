import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime, isoDate } from '../api/terms';
import { ScrollTable } from '../components/ScrollTable';
import { Notice } from '../components/Status';
import { AdminCalendarsDocument, type AdminCalendarsQuery } from '../graphql/generated/operations';
import { CalendarCoverage } from './CalendarCoverage';
import { CalendarForm } from './CalendarForm';
import { CalendarHistory } from './CalendarHistory';

/** /admin/calendar: the working-day calendar every deadline (objections, complaints) is counted with. */
export function CalendarPage() {
  const [data, setData] = useState<AdminCalendarsQuery>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const load = useCallback(() => {
    call(AdminCalendarsDocument, {}).then(
      (d) => {
        setData(d);
        setVersion((v) => v + 1);
      },
      (e) => setError(describeError(e)),
    );
  }, []);
  useEffect(load, [load]);
  if (!data) return error ? <Notice kind="error">{error}</Notice> : <Notice kind="info">正在读取工作日安排…</Notice>;
  // Guizhou's year: the next one is the one to set before its deadlines come near.
  const nextYear = Number(isoDate().slice(0, 4)) + 1;
  const years = data.workingCalendars;
  return (
    <div className="page admin">
      <h1>工作日安排</h1>
      <CalendarCoverage coverage={data.workingCalendarCoverage} nextYear={nextYear} />
      <section className="card" aria-labelledby="calendar-years">
        <h2 id="calendar-years">已设置的年度</h2>
        <ScrollTable caption={`共 ${years.length} 个年度`} testId="calendar-table">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">放假天数</th>
              <th scope="col">调休上班</th>
              <th scope="col">依据通知</th>
              <th scope="col">版本</th>
              <th scope="col">设置时间</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>{y.holidays.length}</td>
                <td>{y.makeupWorkdays.length}</td>
                <td className="text-cell">{y.notice}</td>
                <td className="nowrap">第 {y.version} 版</td>
                <td className="nowrap">{fmtTime(y.setAt)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>
      <section className="card" aria-labelledby="calendar-set">
        <h2 id="calendar-set">设置年度安排</h2>
        <CalendarForm years={years} defaultYear={nextYear} onDone={load} />
      </section>
      <section className="card" aria-labelledby="calendar-history">
        <h2 id="calendar-history">变更历史</h2>
        {years.length ? (
          <CalendarHistory years={years.map((y) => y.year)} version={version} />
        ) : (
          <p className="muted">尚未设置任何年度。</p>
        )}
      </section>
    </div>
  );
}

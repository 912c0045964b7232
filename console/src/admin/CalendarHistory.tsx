import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { HistoryList } from '../components/HistoryList';
import { Notice } from '../components/Status';
import { AdminCalendarYearDocument, type AdminCalendarYearQuery } from '../graphql/generated/operations';
import { actorZh } from './actorZh';

/** Every version of one year's calendar, newest first: the notice, the days, who set it and when. */
export function CalendarHistory({ years, version }: { years: number[]; version: number }) {
  const [year, setYear] = useState(years[years.length - 1] ?? 0);
  const [data, setData] = useState<AdminCalendarYearQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!year) return;
    setError(undefined);
    setData(undefined);
    call(AdminCalendarYearDocument, { year }).then(setData, (e) => setError(describeError(e)));
  }, [year, version]);
  return (
    <>
      <label htmlFor="calendar-history-year">查看年度</label>
      <select id="calendar-history-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y} 年
          </option>
        ))}
      </select>
      {error && <Notice kind="error">{error}</Notice>}
      {data && (
        <HistoryList
          testId="calendar-history"
          items={data.workingCalendarHistory.map((r) => ({
            key: `${r.year}-${r.version}`,
            at: fmtTime(r.setAt),
            title: `${r.year} 年第 ${r.version} 版`,
            who: actorZh(r.setBy),
            detail: (
              <>
                依据：{r.notice}；放假 {r.holidays.length} 天，调休上班 {r.makeupWorkdays.length} 天
                <details>
                  <summary>日期明细</summary>
                  <p>放假：{r.holidays.join('、') || '无'}</p>
                  <p>调休上班：{r.makeupWorkdays.join('、') || '无'}</p>
                </details>
              </>
            ),
          }))}
        />
      )}
    </>
  );
}

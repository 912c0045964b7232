import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { Notice } from '../components/Status';
import { AdminSetCalendarDocument, type AdminCalendarsQuery } from '../graphql/generated/operations';
import { useAction } from '../components/useAction';

type Year = AdminCalendarsQuery['workingCalendars'][number];

/** Dates typed one a line, or separated by spaces, commas or 、. */
const dates = (text: string) => text.split(/[\s,，、;；]+/).filter(Boolean);

/** Sets one year's holidays and make-up working days, as the State Council's notice publishes them. */
export function CalendarForm({
  years,
  defaultYear,
  onDone,
}: {
  years: Year[];
  defaultYear: number;
  onDone: () => void;
}) {
  const [year, setYear] = useState(String(defaultYear));
  const [holidays, setHolidays] = useState('');
  const [makeup, setMakeup] = useState('');
  const [notice, setNotice] = useState('');
  const action = useAction();
  const current = years.find((y) => y.year === Number(year));
  const fill = () => {
    if (!current) return;
    setHolidays(current.holidays.join('\n'));
    setMakeup(current.makeupWorkdays.join('\n'));
    setNotice(current.notice);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await action.run(
        () =>
          call(AdminSetCalendarDocument, {
            year: Number(year),
            holidays: dates(holidays),
            makeupWorkdays: dates(makeup),
            notice,
          }),
        `已设置 ${year} 年工作日安排${current ? `（第 ${current.version + 1} 版）` : ''}，相关期限将按新安排计算。`,
      )
    )
      onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="设置年度工作日安排">
      <div className="form-grid">
        <div>
          <label htmlFor="calendar-year">年度</label>
          <input
            id="calendar-year"
            type="number"
            min={2020}
            max={2100}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="calendar-notice">依据通知</label>
          <input
            id="calendar-notice"
            value={notice}
            onChange={(e) => setNotice(e.target.value)}
            placeholder="如 国办发明电〔2026〕7号"
            required
          />
        </div>
      </div>
      {current && (
        <p className="muted">
          {year} 年已设置（第 {current.version} 版）。
          <button type="button" className="secondary small" onClick={fill}>
            载入当前安排
          </button>
        </p>
      )}
      <label htmlFor="calendar-holidays">放假日期（每行一个，格式 2027-01-01）</label>
      <textarea id="calendar-holidays" rows={6} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      <label htmlFor="calendar-makeup">调休上班日期（周末上班，每行一个）</label>
      <textarea id="calendar-makeup" rows={3} value={makeup} onChange={(e) => setMakeup(e.target.value)} />
      <div>
        <button type="submit" disabled={action.busy}>
          保存 {year} 年安排
        </button>
      </div>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
    </form>
  );
}

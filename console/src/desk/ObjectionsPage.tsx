import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime, OBJECTION_STATUS, OBJECTION_TYPE, term } from '../api/terms';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import { DeskObjectionsDocument, ObjectionStatus, type DeskObjectionsQuery } from '../graphql/generated/operations';
import { Link } from '../router/Link';
import { navigate, withSearch, type Place } from '../router/router';

const OPEN = ['FORWARDED', 'UNDER_REVIEW'];

/** The objections routed to the unit, newest first, with due dates and overdue marks; one page of 50. */
export function ObjectionsPage({ place }: { place: Place }) {
  const status = place.search.get('status') ?? '';
  const after = place.search.get('after') ?? undefined;
  const [data, setData] = useState<DeskObjectionsQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    call(DeskObjectionsDocument, { after, status: (status || undefined) as ObjectionStatus | undefined }).then(
      setData,
      (e) => setError(describeError(e)),
    );
  }, [status, after]);
  const list = data?.objections.edges.map((e) => e.node) ?? [];
  return (
    <div className="page">
      <h1>异议办理</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="o-status">状态</label>
          <select
            id="o-status"
            value={status}
            onChange={(e) => navigate(withSearch(place, { status: e.target.value, after: undefined }))}
          >
            <option value="">全部</option>
            {Object.values(ObjectionStatus).map((s) => (
              <option key={s} value={s}>
                {term(OBJECTION_STATUS, s)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {data && (
        <p>
          本页 {list.length} 件，其中待处理{' '}
          <strong data-testid="open-count">{list.filter((o) => OPEN.includes(o.status)).length}</strong> 件，已逾期{' '}
          <strong>{list.filter((o) => o.overdue).length}</strong> 件。
        </p>
      )}
      <ul className="objections">
        {list.map((o) => (
          <li key={o.id} className={`objection${o.overdue ? ' overdue' : ''}`} data-testid="desk-objection">
            <div className="record-head">
              <Link to={`/desk/objections/${encodeURIComponent(o.number)}`}>
                <strong>{o.number}</strong>
              </Link>
              <span className="tag">{term(OBJECTION_STATUS, o.status)}</span>
              {o.overdue && <span className="tag tag-warn">已逾期</span>}
            </div>
            <div className="muted">
              {term(OBJECTION_TYPE, o.type)} · 决定书 {o.record.decisionNumber} · 提交于 {fmtTime(o.filedAt)}
            </div>
            {o.dueDate && (
              <div>
                办理期限：
                <strong className={o.overdue ? 'overdue-date' : undefined}>
                  <DueDate date={o.dueDate} provisional={o.dueDateProvisional} />
                </strong>
              </div>
            )}
            <div>理由：{o.reason}</div>
          </li>
        ))}
      </ul>
      {data?.objections.pageInfo.hasNextPage && (
        <Link to={withSearch(place, { after: data.objections.pageInfo.endCursor ?? undefined })}>下一页</Link>
      )}
    </div>
  );
}

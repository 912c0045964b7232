import { useEffect, useState } from 'react';
import { call, describeError } from '../../api/client';
import { FEEDBACK_KIND, FEEDBACK_STATUS, fmtTime, term } from '../../api/terms';
import { ChartWithTable } from '../../components/ChartWithTable';
import { DueDate } from '../../components/DueDate';
import { Notice } from '../../components/Status';
import {
  DashboardOverdueFeedbackDocument,
  FeedbackKind,
  FeedbackStatus,
  OversightComplaintsDocument,
  type DashboardOverdueFeedbackQuery,
  type OversightComplaintsQuery,
} from '../../graphql/generated/operations';
import { Link } from '../../router/Link';
import { navigate, withSearch, type Place } from '../../router/router';
import { countByKindAndState } from './complaintCounts';

const KINDS = Object.keys(FEEDBACK_KIND);
const STATES = Object.keys(FEEDBACK_STATUS);
const caseLink = (number: string) => `/oversight/complaints/${encodeURIComponent(number)}`;

/**
 * The lead department's complaint desk: every case counted by kind and state, those past due, and
 * the cases one page at a time (filtered by state and kind in the address) with due dates and
 * overdue marks; each opens its case page.
 */
export function ComplaintsPage({ place }: { place: Place }) {
  const status = place.search.get('status') ?? '';
  const kind = place.search.get('kind') ?? '';
  const after = place.search.get('after') ?? undefined;
  const [counts, setCounts] = useState<Map<string, number>>();
  const [overdue, setOverdue] = useState<DashboardOverdueFeedbackQuery['overdueFeedback']>();
  const [page, setPage] = useState<OversightComplaintsQuery>();
  const [error, setError] = useState<string>();
  const fail = (e: unknown) => setError(describeError(e));
  useEffect(() => {
    countByKindAndState().then(setCounts, fail);
    call(DashboardOverdueFeedbackDocument, {}).then((r) => setOverdue(r.overdueFeedback), fail);
  }, []);
  useEffect(() => {
    call(OversightComplaintsDocument, {
      after,
      status: (status || undefined) as FeedbackStatus | undefined,
      kind: (kind || undefined) as FeedbackKind | undefined,
    }).then(setPage, fail);
  }, [status, kind, after]);
  const states = STATES.filter((s) => KINDS.some((k) => counts?.get(`${k}/${s}`)));
  const list = page?.feedbacks.edges.map((e) => e.node) ?? [];
  return (
    <div className="page">
      <h1>咨询投诉</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {counts && (
        <ChartWithTable
          testId="chart-complaint-states"
          title="咨询投诉：按状态与类型（全部案件）"
          labels={states.map((s) => FEEDBACK_STATUS[s])}
          series={KINDS.map((k) => ({
            name: FEEDBACK_KIND[k],
            values: states.map((s) => counts.get(`${k}/${s}`) ?? 0),
          }))}
        />
      )}
      {overdue && overdue.length > 0 && (
        <section className="card" aria-labelledby="overdue-feedback-title">
          <h2 id="overdue-feedback-title">超期咨询投诉（{overdue.length}）</h2>
          <ul className="due-list" data-testid="overdue-feedback">
            {overdue.map((f) => (
              <li key={f.id} className="overdue-date">
                <Link to={caseLink(f.number)}>{f.number}</Link> {term(FEEDBACK_KIND, f.kind)} ·{' '}
                {term(FEEDBACK_STATUS, f.status)} · 期限 {f.dueDate}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="cases-title">
        <h2 id="cases-title">案件</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label htmlFor="f-status">状态</label>
            <select
              id="f-status"
              value={status}
              onChange={(e) => navigate(withSearch(place, { status: e.target.value, after: undefined }))}
            >
              <option value="">全部</option>
              {Object.values(FeedbackStatus).map((s) => (
                <option key={s} value={s}>
                  {term(FEEDBACK_STATUS, s)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-kind">类型</label>
            <select
              id="f-kind"
              value={kind}
              onChange={(e) => navigate(withSearch(place, { kind: e.target.value, after: undefined }))}
            >
              <option value="">全部</option>
              {Object.values(FeedbackKind).map((k) => (
                <option key={k} value={k}>
                  {term(FEEDBACK_KIND, k)}
                </option>
              ))}
            </select>
          </div>
        </form>
        {page && list.length === 0 && <p>没有符合条件的案件。</p>}
        <ul className="objections" data-testid="complaints">
          {list.map((f) => (
            <li key={f.id} className={`objection${f.overdue ? ' overdue' : ''}`} data-testid="complaint">
              <div className="record-head">
                <Link to={caseLink(f.number)}>
                  <strong>{f.number}</strong>
                </Link>
                <span className="tag">{term(FEEDBACK_STATUS, f.status)}</span>
                {f.overdue && <span className="tag tag-warn">已逾期</span>}
                {f.anonymous && <span className="tag">匿名</span>}
              </div>
              <div className="muted">
                {term(FEEDBACK_KIND, f.kind)} · 提交于 {fmtTime(f.filedAt)}
                {f.officeName ? ` · ${f.officeName}` : ''}
                {f.matter ? ` · ${f.matter}` : ''}
              </div>
              {f.dueDate && (
                <div>
                  期限：
                  <strong className={f.overdue ? 'overdue-date' : undefined}>
                    <DueDate date={f.dueDate} provisional={f.dueDateProvisional} />
                  </strong>
                </div>
              )}
            </li>
          ))}
        </ul>
        {page?.feedbacks.pageInfo.hasNextPage && (
          <Link to={withSearch(place, { after: page.feedbacks.pageInfo.endCursor ?? undefined })}>下一页</Link>
        )}
      </section>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { FEEDBACK_KIND, FEEDBACK_STATUS, term } from '../api/terms';
import { ChartWithTable } from '../components/ChartWithTable';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import {
  DashboardComplaintsToForwardDocument,
  DashboardFeedbacksDocument,
  DashboardForwardFeedbackDocument,
  DashboardOverdueFeedbackDocument,
  type DashboardAssessmentQuery,
  type DashboardComplaintsToForwardQuery,
  type DashboardFeedbacksQuery,
  type DashboardOverdueFeedbackQuery,
} from '../graphql/generated/operations';
import type { Session } from '../session/session';

const KINDS = Object.keys(FEEDBACK_KIND);
const STATES = Object.keys(FEEDBACK_STATUS);

/**
 * Consultations and complaints incl. 应替未替. Analysts may not list cases (the API refuses them), so
 * they see the quarter's counts by kind from the assessment; the lead department counts every case by
 * kind and state, follows the overdue ones and forwards 应替未替 complaints to the supervising unit.
 */
export function ComplaintsPanel(props: {
  session: Session;
  assessment?: DashboardAssessmentQuery['assessment'];
  names: (k: string) => string;
}) {
  const lead = props.session.role === 'LEAD_DEPARTMENT';
  const byKind = props.assessment?.complaintsByKind ?? [];
  return (
    <>
      {props.assessment && (
        <ChartWithTable
          testId="chart-complaint-kinds"
          title={`咨询投诉：按类型（${props.assessment.quarter}）`}
          labels={KINDS.map((k) => FEEDBACK_KIND[k])}
          series={[{ name: '件数', values: KINDS.map((k) => byKind.find((b) => b.key === k)?.count ?? 0) }]}
        />
      )}
      {lead && <LeadComplaints names={props.names} />}
    </>
  );
}

/** Every case counted by kind and state: the API has no tally, so the lead's view pages through the list. */
async function countByKindAndState(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r: DashboardFeedbacksQuery = await call(DashboardFeedbacksDocument, { after });
    for (const { node } of r.feedbacks.edges)
      counts.set(`${node.kind}/${node.status}`, (counts.get(`${node.kind}/${node.status}`) ?? 0) + 1);
    if (!r.feedbacks.pageInfo.hasNextPage) break;
    after = r.feedbacks.pageInfo.endCursor ?? null;
  }
  return counts;
}

function LeadComplaints({ names }: { names: (k: string) => string }) {
  const [counts, setCounts] = useState<Map<string, number>>();
  const [overdue, setOverdue] = useState<DashboardOverdueFeedbackQuery['overdueFeedback']>();
  const [waiting, setWaiting] = useState<DashboardComplaintsToForwardQuery>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    const fail = (e: unknown) => setError(describeError(e));
    countByKindAndState().then(setCounts, fail);
    call(DashboardOverdueFeedbackDocument, {}).then((r) => setOverdue(r.overdueFeedback), fail);
    call(DashboardComplaintsToForwardDocument, {}).then(setWaiting, fail);
  }, [version]);
  const states = STATES.filter((s) => KINDS.some((k) => counts?.get(`${k}/${s}`)));
  return (
    <>
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
      {waiting && <ToForward list={waiting.feedbacks.edges.map((e) => e.node)} names={names} onChange={reload} />}
      {overdue && (
        <section className="card" aria-labelledby="overdue-feedback-title">
          <h2 id="overdue-feedback-title">超期咨询投诉（{overdue.length}）</h2>
          <div className="table-wrap">
            <table data-testid="overdue-feedback">
              <caption className="sr-only">超期咨询投诉</caption>
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">类型</th>
                  <th scope="col">状态</th>
                  <th scope="col">索要证明的单位</th>
                  <th scope="col">承办单位</th>
                  <th scope="col">期限</th>
                </tr>
              </thead>
              <tbody>
                {overdue.map((f) => (
                  <tr key={f.id}>
                    <td>{f.number}</td>
                    <td>{term(FEEDBACK_KIND, f.kind)}</td>
                    <td>{term(FEEDBACK_STATUS, f.status)}</td>
                    <td>{f.officeName ?? '—'}</td>
                    <td>{f.unitCode ? names(f.unitCode) : '—'}</td>
                    <td className="overdue-date">{f.dueDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

type Waiting = DashboardComplaintsToForwardQuery['feedbacks']['edges'][number]['node'];

/** 应替未替 complaints not yet forwarded: the lead department sends each to the office's supervising unit. */
function ToForward({ list, names, onChange }: { list: Waiting[]; names: (k: string) => string; onChange: () => void }) {
  const [units, setUnits] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const forward = (f: Waiting) => {
    setError(undefined);
    const unitCode = (units[f.id] ?? f.officeUnitCode ?? '').trim();
    call(DashboardForwardFeedbackDocument, { input: { id: f.id, ...(unitCode ? { unitCode } : {}) } }).then(
      onChange,
      (e) => setError(describeError(e)),
    );
  };
  return (
    <section className="card" aria-labelledby="to-forward-title">
      <h2 id="to-forward-title">待转办应替未替投诉（{list.length}）</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <ul className="objections" data-testid="to-forward">
        {list.map((f) => (
          <li key={f.id} className="objection">
            <div className="record-head">
              <strong>{f.number}</strong>
              {f.overdue && <span className="tag tag-warn">已逾期</span>}
            </div>
            <div className="muted">
              {f.officeName} · {f.matter} · 索要于 {f.demandedOn}
              {f.dueDate && (
                <>
                  {' · 期限 '}
                  <DueDate date={f.dueDate} provisional={f.dueDateProvisional} />
                </>
              )}
            </div>
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                forward(f);
              }}
            >
              <label htmlFor={`fw-${f.id}`}>主管单位代码</label>
              <input
                id={`fw-${f.id}`}
                value={units[f.id] ?? f.officeUnitCode ?? ''}
                placeholder="如 GZ-D07"
                onChange={(e) => setUnits({ ...units, [f.id]: e.target.value })}
              />
              {f.officeUnitCode && <span className="muted">{names(f.officeUnitCode)}</span>}
              <button type="submit" className="secondary">
                转主管单位 {f.number}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}

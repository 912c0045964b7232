import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate, OBJECTION_STATUS, OBJECTION_TYPE, term, yearsAgo } from '../api/terms';
import { Notice } from '../components/Status';
import {
  DashboardAcceptDocument,
  DashboardOversightDocument,
  DashboardPendingDocument,
  type DashboardOversightQuery,
  type DashboardPendingQuery,
} from '../graphql/generated/operations';
import { useNames } from './names';

/** Objections the lead department has to accept (受理) and forward, and those past their due date. */
export function ObjectionsPage() {
  const [pending, setPending] = useState<DashboardPendingQuery>();
  const [ops, setOps] = useState<DashboardOversightQuery>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const fail = (e: unknown) => setError(describeError(e));
    call(DashboardPendingDocument, {}).then(setPending, fail);
    call(DashboardOversightDocument, { from: yearsAgo(1), to: isoDate() }).then(setOps, fail);
  }, [version]);
  const names = useNames(ops?.sourceUnits.map((u) => ({ code: u.code, name: u.name })));
  const accept = (id: string) => {
    setError(undefined);
    call(DashboardAcceptDocument, { id }).then(
      () => setVersion((v) => v + 1),
      (e) => setError(describeError(e)),
    );
  };
  const list = pending?.objections.edges.map((e) => e.node) ?? [];
  return (
    <div className="page">
      <h1>异议受理</h1>
      {error && <Notice kind="error">{error}</Notice>}
      <section className="card" aria-labelledby="pending-title">
        <h2 id="pending-title">待受理异议（{list.length}）</h2>
        <div className="table-wrap">
          <table data-testid="pending">
            <caption className="sr-only">待受理异议</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">类型</th>
                <th scope="col">承办单位</th>
                <th scope="col">受理期限</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr key={o.id}>
                  <td>{o.number}</td>
                  <td>{term(OBJECTION_TYPE, o.type)}</td>
                  <td>{names(o.unitCode)}</td>
                  <td className={o.overdue ? 'overdue-date' : ''}>
                    {o.acceptDueDate}
                    {o.overdue ? '（已逾期）' : ''}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => accept(o.id)}>
                      受理并转办 {o.number}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {ops && (
        <section className="card" aria-labelledby="overdue-title">
          <h2 id="overdue-title">逾期异议（{ops.overdueObjections.length}）</h2>
          <div className="table-wrap">
            <table data-testid="overdue">
              <caption className="sr-only">逾期异议</caption>
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">状态</th>
                  <th scope="col">承办单位</th>
                  <th scope="col">期限</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {ops.overdueObjections.map((o) => (
                  <tr key={o.id}>
                    <td>{o.number}</td>
                    <td>{term(OBJECTION_STATUS, o.status)}</td>
                    <td>{names(o.unitCode)}</td>
                    <td className="overdue-date">{o.dueDate}</td>
                    <td>
                      {o.status === 'SUBMITTED' && (
                        <button type="button" className="secondary" onClick={() => accept(o.id)}>
                          受理并转办 {o.number}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call, describeError } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Status';
import { AdminReportDocument, AdminRevokeReportDocument, type AdminReportQuery } from '../graphql/generated/operations';
import { navigate, withSearch, type Place } from '../router/router';
import { ReportFacts } from './ReportFacts';
import { useAction } from '../components/useAction';

/**
 * /admin/reports?number=…: finds a report and revokes it with a reason, after a second look. A revoked
 * report verifies as revoked everywhere (the verification page, partners, subscribers are told).
 */
export function ReportsPage({ place }: { place: Place }) {
  const number = place.search.get('number') ?? '';
  const [typed, setTyped] = useState(number);
  const [data, setData] = useState<AdminReportQuery>();
  const [error, setError] = useState<string>();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const load = useCallback(() => {
    setData(undefined);
    setError(undefined);
    if (number) call(AdminReportDocument, { number }).then(setData, (e) => setError(describeError(e)));
  }, [number]);
  useEffect(load, [load]);
  const find = (e: FormEvent) => {
    e.preventDefault();
    action.setError(undefined);
    navigate(withSearch(place, { number: typed.trim().toUpperCase() }));
  };
  const revoke = async () => {
    setConfirming(false);
    if (
      await action.run(
        () => call(AdminRevokeReportDocument, { number, reason }),
        `报告 ${number} 已撤销，核验时将显示“已撤销”及理由。`,
      )
    ) {
      setReason('');
      load();
    }
  };
  const cancel = useCallback(() => setConfirming(false), []);
  const report = data?.report;
  return (
    <div className="page admin">
      <h1>撤销报告</h1>
      <section className="card" aria-labelledby="report-find">
        <h2 id="report-find">查找报告</h2>
        <form className="inline" onSubmit={find} aria-label="查找报告">
          <div className="grow">
            <label htmlFor="report-number">报告编号</label>
            <input
              id="report-number"
              className="wide-input"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder="如 GZ20261207000001X"
              autoComplete="off"
              required
            />
          </div>
          <button type="submit">查找</button>
        </form>
        {error && <Notice kind="error">{error}</Notice>}
        {data && !report && <Notice kind="error">未找到编号为 {number} 的报告。</Notice>}
      </section>
      {report && (
        <section className="card" aria-labelledby="report-found">
          <h2 id="report-found">报告信息</h2>
          <ReportFacts report={report} />
          {action.ok && <Notice kind="ok">{action.ok}</Notice>}
          {action.error && <Notice kind="error">{action.error}</Notice>}
          {report.status !== 'REVOKED' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                setConfirming(true);
              }}
              aria-label="撤销报告"
            >
              <label htmlFor="revoke-reason">撤销理由（将显示在核验结果中）</label>
              <textarea
                id="revoke-reason"
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
              />
              <button type="submit" disabled={action.busy || !reason.trim()}>
                撤销报告…
              </button>
            </form>
          )}
        </section>
      )}
      {confirming && report && (
        <ConfirmDialog
          title="确认撤销报告"
          confirmLabel="确认撤销"
          onConfirm={() => void revoke()}
          onCancel={cancel}
          busy={action.busy}
        >
          <p>
            撤销后，报告 <strong>{report.number}</strong>（{report.subjectName}）不能再代替证明，且无法恢复。
          </p>
          <p>撤销理由：{reason}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

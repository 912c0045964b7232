import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime, IMPORT_STATUS, OBJECTION_STATUS, term } from '../api/terms';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import { DeskSummaryDocument, type DeskSummaryQuery } from '../graphql/generated/operations';
import { Link } from '../router/Link';
import type { Session } from '../session/session';
import { DeskQuality } from './DeskQuality';

const OPEN = ['FORWARDED', 'UNDER_REVIEW'];

/** The unit's desk at a glance: what is open, what is due first, the last upload, its quality. */
export function DeskSummary({ session }: { session: Session }) {
  const [data, setData] = useState<DeskSummaryQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(DeskSummaryDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, []);
  const open = (data?.open.edges.map((e) => e.node) ?? []).filter((o) => OPEN.includes(o.status));
  const complaints = data?.complaints.edges.map((e) => e.node) ?? [];
  const due = [
    ...open.map((o) => ({ ...o, kind: '异议', to: `/desk/objections/${encodeURIComponent(o.number)}` })),
    ...complaints.map((f) => ({ ...f, kind: '投诉', status: 'FORWARDED', to: '/desk/complaints' })),
  ]
    .filter((x) => x.dueDate)
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))
    .slice(0, 8);
  const last = data?.importJobs[0];
  return (
    <div className="page">
      <h1>数据来源单位工作台 · {session.label ?? session.unitCode}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="kpis">
        <div className="kpi">
          <span>待办异议</span>
          <strong data-testid="kpi-objections">{data ? open.length : '…'}</strong>
        </div>
        <div className="kpi">
          <span>逾期异议</span>
          <strong>{data ? open.filter((o) => o.overdue).length : '…'}</strong>
        </div>
        <div className="kpi">
          <span>待回复投诉</span>
          <strong data-testid="kpi-complaints">{data ? complaints.length : '…'}</strong>
        </div>
        <div className="kpi">
          <span>逾期投诉</span>
          <strong>{data ? complaints.filter((f) => f.overdue).length : '…'}</strong>
        </div>
      </div>
      <section className="card" aria-labelledby="due-title">
        <h2 id="due-title">即将到期</h2>
        {data && due.length === 0 && <p>没有待办事项。</p>}
        <ul className="due-list" data-testid="due">
          {due.map((x) => (
            <li key={x.id} className={x.overdue ? 'overdue-date' : undefined}>
              <Link to={x.to}>
                {x.kind} {x.number}
              </Link>{' '}
              {x.kind === '异议' ? term(OBJECTION_STATUS, x.status) : '待回复'} · 期限{' '}
              <DueDate date={x.dueDate!} provisional={x.dueDateProvisional} />
              {x.overdue ? '（已逾期）' : ''}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/desk/objections">全部异议</Link> · <Link to="/desk/complaints">全部转办投诉</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="last-import-title">
        <h2 id="last-import-title">最近一次上传</h2>
        {data && !last && <p>尚未上传文件。</p>}
        {last && (
          <p data-testid="last-import">
            {last.fileName} · {fmtTime(last.startedAt)} · {term(IMPORT_STATUS, last.status)} · 新增 {last.created}{' '}
            行，退回 {last.rejected} 行
          </p>
        )}
        <p>
          <Link to="/desk/upload">上传双公示文件</Link> · <Link to="/desk/imports">导入记录与退回行</Link>
        </p>
      </section>
      <DeskQuality />
    </div>
  );
}

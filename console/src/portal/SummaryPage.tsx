import { call } from '../api/client';
import { SUBJECT_KIND, term } from '../api/terms';
import { Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { PortalSummaryDocument } from '../graphql/generated/operations';
import { Link } from '../router/Link';
import type { Session } from '../session/session';
import { ProfileFacts } from './ProfileFacts';

const ENDED_OBJECTION = new Set(['REFUSED', 'UPHELD', 'REJECTED', 'CLOSED', 'WITHDRAWN']);
const ENDED_FEEDBACK = new Set(['CLOSED', 'DISMISSED', 'WITHDRAWN']);

/** /portal: who the subject is, how many records, reports, objections and complaints, and where each lives. */
export function SummaryPage({ session }: { session: Session }) {
  const creditCode = session.creditCode!;
  const { data, error } = useLoad(() => call(PortalSummaryDocument, { creditCode }), [creditCode]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Notice kind="info">正在读取…</Notice>;
  const s = data.subject;
  const feedbacks = data.feedbacks.edges.map((e) => e.node);
  const rows = s
    ? [
        {
          to: '/portal/history',
          label: '信用记录',
          text: `${s.recordSummary.from} 至 ${s.recordSummary.to} 共 ${s.recordSummary.records} 条，其中已修复 ${s.recordSummary.repaired} 条`,
        },
        {
          to: '/portal/reports',
          label: '信用报告',
          text: `已出具 ${s.reports.length} 份，有效 ${s.reports.filter((r) => r.status === 'ISSUED' && r.current).length} 份`,
        },
        {
          to: '/portal/objections',
          label: '异议',
          text: `共 ${s.objections.length} 件，办理中 ${s.objections.filter((o) => !ENDED_OBJECTION.has(o.status)).length} 件`,
        },
        {
          to: '/portal/complaints',
          label: '咨询投诉',
          text: `共 ${feedbacks.length} 件，办理中 ${feedbacks.filter((f) => !ENDED_FEEDBACK.has(f.status)).length} 件`,
        },
        { to: '/portal/access-log', label: '查看记录', text: '谁在何时查看了我的信用信息' },
      ]
    : [];
  return (
    <div className="page">
      <h1>信用主体服务</h1>
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">
          <span data-testid="subject-name">{s?.name ?? '主体未登记'}</span>
        </h2>
        {s && (
          <p className="muted">
            {term(SUBJECT_KIND, s.kind)} · 统一社会信用代码 {s.creditCode}
          </p>
        )}
        <ul className="portal-summary" aria-label="我的信用概览">
          {rows.map((r) => (
            <li key={r.to}>
              <Link to={r.to}>{r.label}</Link>
              <span data-testid={`summary-${r.to.split('/').pop()}`}>{r.text}</span>
            </li>
          ))}
        </ul>
      </section>
      <ProfileFacts creditCode={creditCode} />
    </div>
  );
}

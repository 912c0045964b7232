import { call } from '../api/client';
import { Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { PortalReportsDocument } from '../graphql/generated/operations';
import type { RouteContext } from '../router/route';
import { IssueReportForm } from './IssueReportForm';
import { ReportItem } from './ReportItem';
import { useProfile } from './useProfile';

/** /portal/reports: issue a report, and the reports issued (download, reissue, authorise). */
export function ReportsPage({ session }: RouteContext) {
  const creditCode = session.creditCode!;
  const { data: profile, error: profileError } = useProfile(creditCode);
  const { data, error, reload } = useLoad(() => call(PortalReportsDocument, { creditCode }), [creditCode]);
  const reports = data?.subject?.reports ?? [];
  return (
    <div className="page">
      <h1>信用报告</h1>
      {profileError && <Notice kind="error">{profileError}</Notice>}
      {profile && <IssueReportForm creditCode={creditCode} profile={profile} onIssued={reload} />}
      <section className="card" aria-labelledby="reports-title">
        <h2 id="reports-title">我的报告</h2>
        {error && <Notice kind="error">{error}</Notice>}
        {data && reports.length === 0 && <p>尚未出具报告。</p>}
        <ul className="reports" aria-label="我的报告">
          {reports.map((r) => (
            <ReportItem key={r.number} report={r} onChange={reload} />
          ))}
        </ul>
      </section>
    </div>
  );
}

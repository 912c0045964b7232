import { CHANNEL, fmtTime, REPORT_STATUS, SCENARIO, term } from '../api/terms';
import type { AdminReportQuery } from '../graphql/generated/operations';

type Report = NonNullable<AdminReportQuery['report']>;

/** What identifies a report before it is revoked: whose, for what, when, and its state. */
export function ReportFacts({ report }: { report: Report }) {
  const revoked = report.status === 'REVOKED';
  return (
    <dl className="facts" data-testid="report-facts">
      <dt>报告编号</dt>
      <dd>{report.number}</dd>
      <dt>状态</dt>
      <dd>
        <span className={`tag ${revoked ? 'tag-warn' : 'tag-ok'}`} data-testid="report-status">
          {term(REPORT_STATUS, report.status)}
        </span>
      </dd>
      <dt>信用主体</dt>
      <dd>
        {report.subjectName}（{report.creditCode}）
      </dd>
      <dt>使用场景</dt>
      <dd>{term(SCENARIO, report.scenario)}</dd>
      <dt>出具渠道</dt>
      <dd>{term(CHANNEL, report.channel)}</dd>
      <dt>报告期间</dt>
      <dd>
        {report.periodFrom} 至 {report.periodTo}
      </dd>
      <dt>出具时间</dt>
      <dd>{fmtTime(report.issuedAt)}</dd>
      {report.revokedAt && (
        <>
          <dt>撤销时间</dt>
          <dd>{fmtTime(report.revokedAt)}</dd>
          <dt>撤销理由</dt>
          <dd data-testid="revocation-reason">{report.revocationReason}</dd>
        </>
      )}
    </dl>
  );
}

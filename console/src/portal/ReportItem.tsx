import { useState } from 'react';
import { call, describeError } from '../api/client';
import { CHANNEL, fmtDay, fmtTime, REPORT_STATUS, SCENARIO, term } from '../api/terms';
import { Notice } from '../components/Status';
import { PortalReissueReportDocument } from '../graphql/generated/operations';
import { currentSession } from '../session/session';
import { AuthorizeForm } from './AuthorizeForm';
import { RecordsChangedBanner, type Report } from './RecordsChangedBanner';

/** One issued report: its facts, the PDF, the changes since issuance, and who may see its details. */
export function ReportItem({ report, onChange }: { report: Report; onChange: () => void }) {
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const download = async () => {
    // The PDF needs the owner's token: fetch it and hand the browser a blob to save. pdfUrl carries
    // PUBLIC_BASE_URL; the console asks its own origin (the same gateway) for that path.
    const r = await fetch(new URL(report.pdfUrl!).pathname, {
      headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
    });
    if (!r.ok) return setMessage({ kind: 'error', text: `下载失败（HTTP ${r.status}）` });
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${report.number}.pdf`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const reissue = async () => {
    try {
      const r = await call(PortalReissueReportDocument, { number: report.number });
      setMessage({
        kind: 'ok',
        text: `已重新出具报告 ${r.reissueReport.number}（核验码 ${r.reissueReport.verificationCode}）`,
      });
      onChange();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  return (
    <li className="report" data-testid="report">
      <div className="record-head">
        <strong>{report.number}</strong>
        <span className="tag">{term(REPORT_STATUS, report.status)}</span>
        {report.supersedes && <span className="tag">重新出具自 {report.supersedes}</span>}
      </div>
      {report.changes && report.status === 'ISSUED' && (
        <RecordsChangedBanner report={report} onReissue={() => void reissue()} />
      )}
      <div className="muted">
        {fmtTime(report.issuedAt)} · {term(SCENARIO, report.scenario)} · {term(CHANNEL, report.channel)} ·{' '}
        {report.periodFrom} 至 {report.periodTo} · {report.recordCount} 条记录 · 核验码 {report.verificationCode ?? '—'}
      </div>
      {report.requiredByReportUser && (
        <div className="muted" data-testid="report-required-by">
          报告使用方要求：{report.requiredByReportUser}
        </div>
      )}
      <div className="actions">
        {report.pdfUrl && (
          <button type="button" onClick={() => void download()}>
            下载 PDF
          </button>
        )}
      </div>
      <AuthorizeForm
        number={report.number}
        onDone={(m) => {
          setMessage(m);
          if (m.kind === 'ok') onChange();
        }}
      />
      {(report.authorizations ?? []).length > 0 && (
        <div className="muted">
          已授权：
          {report
            .authorizations!.map((a) => `${a.partnerId}（至 ${fmtDay(a.until)}${a.active ? '' : '，已失效'}）`)
            .join('、')}
        </div>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </li>
  );
}

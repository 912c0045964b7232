import { useState } from 'react';
import { DOMAIN_OUTCOME_ZH, ID_DOCUMENT_TYPE_ZH, PRESENTER_BASIS_ZH, term } from '../../../shared/src/contracts/terms';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import { fetchReportPdf, openBlob, saveBlob } from './reportPdf';
import type { IssuedAtWindow } from './WindowIssueForm';

/**
 * Step 4: the issued report as it will be printed: its outcomes per domain, the authorisation on
 * record, and the signed PDF to open (the browser's viewer prints it) or save.
 */
export function PrintView({ report }: { report: IssuedAtWindow }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const withPdf = (use: (b: Blob) => void) => async () => {
    setError(undefined);
    setBusy(true);
    try {
      use(await fetchReportPdf(report.pdfUrl!));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const a = report.windowAuthorization;
  return (
    <section className="card print-view" aria-labelledby="print-title">
      <h2 id="print-title">第四步：打印报告</h2>
      <dl className="facts">
        <dt>主体</dt>
        <dd>
          {report.subjectName}（{report.creditCode}）
        </dd>
        <dt>报告期</dt>
        <dd>
          {report.periodFrom} 至 {report.periodTo}
        </dd>
        <dt>出具时间</dt>
        <dd>{fmtTime(report.issuedAt)}</dd>
        {a && (
          <>
            <dt>来办人</dt>
            <dd>
              {a.personName}（{term(PRESENTER_BASIS_ZH, a.basis)}，{term(ID_DOCUMENT_TYPE_ZH, a.idDocumentType)}{' '}
              {a.idDocumentNumber}
              {a.powerOfAttorney ? `，授权委托书：${a.powerOfAttorney}` : ''}）
            </dd>
          </>
        )}
      </dl>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="各领域查询结果">
        <table>
          <caption>各领域查询结果</caption>
          <thead>
            <tr>
              <th scope="col">领域</th>
              <th scope="col">结果</th>
              <th scope="col">记录数</th>
            </tr>
          </thead>
          <tbody>
            {report.domains.map((d) => (
              <tr key={d.code}>
                <td>{d.nameZh}</td>
                <td>{term(DOMAIN_OUTCOME_ZH, d.outcome)}</td>
                <td>{d.recordCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="no-print">
        <button type="button" disabled={busy || !report.pdfUrl} onClick={withPdf(openBlob)}>
          打开 PDF 并打印
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || !report.pdfUrl}
          onClick={withPdf((b) => saveBlob(b, `${report.number}.pdf`))}
        >
          下载 PDF
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          打印交接单
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

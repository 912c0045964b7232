import { useState } from 'react';
import { Notice } from '../components/Status';
import { HandOver } from '../window/HandOver';
import { fetchReportPdf, openBlob, saveBlob } from '../window/reportPdf';
import type { IssuedAtWindow } from '../window/WindowIssueForm';

/** The issued report: print or save the PDF, take the number and code, and leave. */
export function KioskDone(props: { report: IssuedAtWindow; onFinish: () => void }) {
  const [error, setError] = useState<string>();
  const withPdf = (use: (b: Blob) => void) => () => {
    setError(undefined);
    fetchReportPdf(props.report.pdfUrl!).then(use, (e: Error) => setError(e.message));
  };
  return (
    <section className="kiosk-step" aria-labelledby="kiosk-done-title">
      <h2 id="kiosk-done-title">报告已出具</h2>
      <HandOver number={props.report.number} verificationCode={props.report.verificationCode} />
      <div className="kiosk-choices">
        <button type="button" className="kiosk-primary" onClick={withPdf(openBlob)}>
          打印报告
        </button>
        <button
          type="button"
          className="kiosk-primary secondary"
          onClick={withPdf((b) => saveBlob(b, `${props.report.number}.pdf`))}
        >
          下载 PDF
        </button>
        <button type="button" className="kiosk-primary secondary" onClick={props.onFinish}>
          完成，退出
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

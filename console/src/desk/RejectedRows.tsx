import { REJECT_REASON, term } from '../api/terms';
import type { ImportJobView } from './importFiles';

/** A job's first refused rows: line, reasons, reason kinds. */
export function RejectedRows({ job }: { job: ImportJobView }) {
  if (job.rejectedRows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table data-testid="verdicts">
        <caption>
          退回的行{job.rejected > job.rejectedRows.length ? `（前 ${job.rejectedRows.length} 行）` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">行号</th>
            <th scope="col">原因</th>
            <th scope="col">原因类别</th>
          </tr>
        </thead>
        <tbody>
          {job.rejectedRows.map((r) => (
            <tr key={r.line} className="row-bad">
              <td>{r.line}</td>
              <td>{r.reasons.map((x) => x.text).join('；')}</td>
              <td>{[...new Set(r.reasons.map((x) => term(REJECT_REASON, x.code)))].join('、')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

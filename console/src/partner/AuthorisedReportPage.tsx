import { useState } from 'react';
import {
  DOMAIN_OUTCOME_ZH,
  RECORD_CATEGORY_ZH,
  REPORT_STATUS_ZH,
  SCENARIO_SHORT_ZH,
  term,
} from '../../../shared/src/contracts/terms';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import { PartnerReportDocument, type PartnerReportQuery } from '../graphql/generated/operations';

type Report = NonNullable<PartnerReportQuery['report']>;

/** The record details of one report, read by a report user the subject authorised (authorizeReportAccess). */
function ReportDetails({ report }: { report: Report }) {
  return (
    <section className="card" aria-labelledby="detail-title">
      <h2 id="detail-title">报告 {report.number}</h2>
      <dl className="facts">
        <dt>主体</dt>
        <dd>
          {report.subjectName}（{report.creditCode}）
        </dd>
        <dt>状态</dt>
        <dd>
          {term(REPORT_STATUS_ZH, report.status)}
          {report.current ? '' : '（出具后记录有变化）'}
        </dd>
        <dt>使用场景</dt>
        <dd>{term(SCENARIO_SHORT_ZH, report.scenario)}</dd>
        <dt>报告期</dt>
        <dd>
          {report.periodFrom} 至 {report.periodTo}
        </dd>
        <dt>出具时间</dt>
        <dd>{fmtTime(report.issuedAt)}</dd>
      </dl>
      {report.domains.map((d) => (
        <div key={d.code}>
          <h3>
            {d.nameZh}：{term(DOMAIN_OUTCOME_ZH, d.outcome)}
          </h3>
          {d.records && d.records.length > 0 && (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={`${d.nameZh}记录`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">决定文书号</th>
                    <th scope="col">类别</th>
                    <th scope="col">决定日期</th>
                    <th scope="col">决定机关</th>
                    <th scope="col">处罚内容</th>
                    <th scope="col">标注</th>
                  </tr>
                </thead>
                <tbody>
                  {d.records.map((r) => (
                    <tr key={r.id}>
                      <td>{r.decisionNumber}</td>
                      <td>{term(RECORD_CATEGORY_ZH, r.category)}</td>
                      <td>{r.decisionDate}</td>
                      <td>{r.decidingAuthority}</td>
                      <td>{r.penaltyContent ?? '—'}</td>
                      <td>{r.labels.join('、') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}

/** A report the subject authorised this partner to read, by its number. */
export function AuthorisedReportPage() {
  const [number, setNumber] = useState('');
  const [report, setReport] = useState<Report | null>();
  const [error, setError] = useState<string>();
  const open = async () => {
    setError(undefined);
    setReport(undefined);
    try {
      setReport((await call(PartnerReportDocument, { number: number.trim().toUpperCase() })).report);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <>
      <h1>授权查看报告详情</h1>
      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">查看授权报告</h2>
        <p className="muted">
          信用主体授权本单位查看的报告，可查看各领域记录详情；未获授权或授权已过期的报告无法查看。
        </p>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void open();
          }}
        >
          <div>
            <label htmlFor="a-number">报告编号</label>
            <input id="a-number" value={number} onChange={(e) => setNumber(e.target.value)} required />
          </div>
          <div>
            <button type="submit">查看</button>
          </div>
        </form>
        {report === null && <Notice kind="error">未获该报告主体授权，或报告不存在</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
      </section>
      {report && <ReportDetails report={report} />}
    </>
  );
}

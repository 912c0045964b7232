import { useState } from 'react';
import { ASSESSMENT_WARNING, term } from '../api/terms';
import { Notice } from '../components/Status';
import type { DashboardAssessmentQuery } from '../graphql/generated/operations';
import { currentSession } from '../session/session';

type Assessment = DashboardAssessmentQuery['assessment'];

const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The quarter's unit ranking (季度评估) and its workbook for the assessment meeting. */
export function AssessmentTable({ assessment: a }: { assessment: Assessment }) {
  const [error, setError] = useState<string>();
  const download = async () => {
    setError(undefined);
    // The export needs the bearer token, which a plain link cannot send: fetch it and save a blob.
    const r = await fetch(`/assessment/${encodeURIComponent(a.quarter)}.xlsx`, {
      headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
    });
    if (!r.ok) return setError(`下载失败（HTTP ${r.status}）`);
    const url = URL.createObjectURL(await r.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `assessment-${a.quarter}.xlsx`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const ranked = a.units.filter((u) => u.rank !== null);
  return (
    <section className="card" aria-labelledby="assessment-title">
      <h2 id="assessment-title">季度评估（{a.quarter}）</h2>
      <p className="muted">
        {a.from} 至 {a.to}；得分为及时性与规范性的均值，每件应替未替投诉扣 5 分、每件逾期案件扣 2 分。
      </p>
      <button type="button" onClick={() => void download()}>
        下载评估表（XLSX）
      </button>
      {error && <Notice kind="error">{error}</Notice>}
      {/* Focusable: on a phone the table scrolls sideways in its box, by keyboard too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="季度评估单位排名">
        <table data-testid="assessment" className="assessment">
          <caption className="sr-only">季度评估单位排名</caption>
          <thead>
            <tr>
              <th scope="col">排名</th>
              <th scope="col">单位</th>
              <th scope="col">得分</th>
              <th scope="col">及时性</th>
              <th scope="col">规范性</th>
              <th scope="col">应替未替</th>
              <th scope="col">预警</th>
            </tr>
          </thead>
          <tbody>
            {ranked.slice(0, 20).map((u) => (
              <tr key={u.unitCode}>
                <td>{u.rank}</td>
                <th scope="row">{u.name ?? u.unitCode}</th>
                <td>{u.score?.toFixed(1) ?? '—'}</td>
                <td>{pct(u.timeliness)}</td>
                <td>{pct(u.conformance)}</td>
                <td>{u.certificateStillDemanded}</td>
                <td>{u.warnings.map((w) => term(ASSESSMENT_WARNING, w)).join('、') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ranked.length > 20 && <p className="muted">另有 {ranked.length - 20} 个单位，见评估表。</p>}
      {ranked.length === 0 && <p className="muted">本季度暂无可评估的单位。</p>}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate, REJECT_REASON, term, yearsAgo } from '../api/terms';
import { Notice } from '../components/Status';
import { DeskQualityDocument, type DeskQualityQuery } from '../graphql/generated/operations';

/** The unit's submission quality over the last year. */
export function DeskQuality() {
  const [data, setData] = useState<DeskQualityQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(DeskQualityDocument, { from: yearsAgo(1), to: isoDate() }).then(setData, (e) => setError(describeError(e)));
  }, []);
  const q = data?.recordQuality[0];
  return (
    <section className="card" aria-labelledby="quality-title">
      <h2 id="quality-title">本单位归集质量（近一年）</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {data && !q && <p>近一年没有报送批次。</p>}
      {q && (
        <dl className="facts" data-testid="quality">
          <dt>报送批次</dt>
          <dd>{q.batches}</dd>
          <dt>报送行数</dt>
          <dd>{q.rowsSubmitted}</dd>
          <dt>接收（新增/更新/未变化）</dt>
          <dd>
            {q.accepted}（{q.created}/{q.updated}/{q.unchanged}）
          </dd>
          <dt>不予归集</dt>
          <dd>{q.excluded}</dd>
          <dt>退回</dt>
          <dd>
            {q.rejected}（退回率 {(q.rejectionRate * 100).toFixed(1)}%）
          </dd>
          <dt>报送时效（中位/90%）</dt>
          <dd>
            {q.lagMedianDays ?? '—'} / {q.lagP90Days ?? '—'} 天；超过 {q.lateThresholdDays} 天 {q.lateRows} 行
          </dd>
          <dt>主要退回原因</dt>
          <dd>{q.rejectedByReason.map((r) => `${term(REJECT_REASON, r.reason)} ${r.rows} 行`).join('；') || '—'}</dd>
        </dl>
      )}
    </section>
  );
}

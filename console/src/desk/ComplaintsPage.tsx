import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { FEEDBACK_ACTION, FEEDBACK_KIND, FEEDBACK_STATUS, fmtTime, ROLE, term } from '../api/terms';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import {
  DeskComplaintsDocument,
  DeskReplyToComplaintDocument,
  type DeskComplaintsQuery,
} from '../graphql/generated/operations';

type Complaint = DeskComplaintsQuery['feedbacks']['edges'][number]['node'];

/**
 * 应替未替 complaints the lead department forwarded to the unit (it supervises the office that still
 * demanded a certificate): the unit finds out, has it rectified and replies; the lead department
 * then closes the case with feedback to the filer.
 */
export function ComplaintsPage() {
  const [data, setData] = useState<DeskComplaintsQuery>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    call(DeskComplaintsDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, []);
  useEffect(load, [load]);
  const list = data?.feedbacks.edges.map((e) => e.node) ?? [];
  const waiting = list.filter((f) => f.status === 'FORWARDED');
  return (
    <div className="page">
      <h1>转办投诉</h1>
      <p>
        待回复 <strong data-testid="complaints-waiting">{waiting.length}</strong> 件，其中已逾期{' '}
        <strong>{waiting.filter((f) => f.overdue).length}</strong> 件。
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {data && list.length === 0 && <p>没有转办到本单位的投诉。</p>}
      <ul className="objections">
        {list.map((f) => (
          <ComplaintItem key={f.id} complaint={f} onReplied={load} />
        ))}
      </ul>
    </div>
  );
}

function ComplaintItem({ complaint: f, onReplied }: { complaint: Complaint; onReplied: () => void }) {
  const [reply, setReply] = useState('');
  const [rectified, setRectified] = useState(true);
  const [error, setError] = useState<string>();
  const send = () => {
    setError(undefined);
    call(DeskReplyToComplaintDocument, { input: { id: f.id, reply, rectified } }).then(onReplied, (e) =>
      setError(describeError(e)),
    );
  };
  return (
    <li className={`objection${f.overdue ? ' overdue' : ''}`} data-testid="desk-complaint">
      <div className="record-head">
        <strong>{f.number}</strong>
        <span className="tag">{term(FEEDBACK_STATUS, f.status)}</span>
        {f.overdue && <span className="tag tag-warn">已逾期</span>}
      </div>
      <div className="muted">
        {term(FEEDBACK_KIND, f.kind)} · 提交于 {fmtTime(f.filedAt)}
        {f.officeName ? ` · ${f.officeName}` : ''}
        {f.matter ? ` · ${f.matter}` : ''}
        {f.demandedOn ? ` · 索要于 ${f.demandedOn}` : ''}
      </div>
      {f.dueDate && (
        <div>
          回复期限：
          <strong className={f.overdue ? 'overdue-date' : undefined}>
            <DueDate date={f.dueDate} provisional={f.dueDateProvisional} />
          </strong>
        </div>
      )}
      <div>情况说明：{f.content}</div>
      {f.unitReply && (
        <div>
          本单位回复：{f.unitReply}（{f.rectified ? '已整改' : '未整改'}）
        </div>
      )}
      <details>
        <summary>办理进度（{f.timeline.length}）</summary>
        <ol className="timeline">
          {f.timeline.map((t) => (
            <li key={t.seq}>
              {fmtTime(t.at)} {term(FEEDBACK_ACTION, t.action)}（{term(ROLE, t.role)}）{t.note ? `：${t.note}` : ''}
            </li>
          ))}
        </ol>
      </details>
      {f.status === 'FORWARDED' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <label htmlFor={`reply-${f.id}`}>核查及整改情况</label>
          <textarea id={`reply-${f.id}`} rows={3} value={reply} onChange={(e) => setReply(e.target.value)} required />
          <label>
            <input type="checkbox" checked={rectified} onChange={(e) => setRectified(e.target.checked)} />
            已整改到位（该单位已改为接受信用报告）
          </label>
          <button type="submit">回复 {f.number}</button>
        </form>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </li>
  );
}

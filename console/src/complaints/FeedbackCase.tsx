import { FEEDBACK_ACTION, FEEDBACK_KIND, FEEDBACK_ROLE, FEEDBACK_STATUS, fmtTime, term } from '../api/terms';
import { DueDate } from '../components/DueDate';

/** What a filer reads of its own case (a subject's list, or an anonymous follow-up). */
export interface FiledCase {
  number: string;
  kind: string;
  status: string;
  content: string;
  officeName?: string | null;
  matter?: string | null;
  demandedOn?: string | null;
  filedAt: string;
  dueDate?: string | null;
  dueDateProvisional: boolean;
  overdue: boolean;
  answer?: string | null;
  dismissalReason?: string | null;
  timeline: { seq: number; action: string; role: string; at: string; note?: string | null }[];
}

/** One consultation or complaint as its filer follows it: status, due date, answer and every step. */
export function FeedbackCase({ item: f, as: Tag = 'li' }: { item: FiledCase; as?: 'li' | 'div' }) {
  return (
    <Tag className="objection" data-testid="feedback">
      <div className="record-head">
        <strong>{f.number}</strong>
        <span className="tag">{term(FEEDBACK_STATUS, f.status)}</span>
        {f.overdue && <span className="tag tag-warn">已逾期</span>}
      </div>
      <div className="muted">
        {term(FEEDBACK_KIND, f.kind)} · 提交于 {fmtTime(f.filedAt)}
        {f.dueDate && (
          <>
            {' · 办理期限 '}
            <DueDate date={f.dueDate} provisional={f.dueDateProvisional} />
          </>
        )}
      </div>
      {f.officeName && (
        <div>
          索要证明的单位：{f.officeName}
          {f.matter ? `（${f.matter}${f.demandedOn ? `，${f.demandedOn}` : ''}）` : ''}
        </div>
      )}
      <div>内容：{f.content}</div>
      {f.answer && <div>答复：{f.answer}</div>}
      {f.dismissalReason && <div>不予受理理由：{f.dismissalReason}</div>}
      <ol className="timeline" aria-label={`${f.number} 办理进度`}>
        {f.timeline.map((t) => (
          <li key={t.seq}>
            <span className="muted">{fmtTime(t.at)}</span> {term(FEEDBACK_ACTION, t.action)}（
            {term(FEEDBACK_ROLE, t.role)}）{t.note ? `：${t.note}` : ''}
          </li>
        ))}
      </ol>
    </Tag>
  );
}

import { fmtTime, OBJECTION_ACTION, OBJECTION_STATUS, OBJECTION_TYPE, ROLE, term } from '../api/terms';
import { DueDate } from '../components/DueDate';
import type { PortalObjectionsQuery } from '../graphql/generated/operations';

type Objection = NonNullable<PortalObjectionsQuery['subject']>['objections'][number];

/** One objection with its due date and every step taken. */
export function ObjectionItem({ objection: o }: { objection: Objection }) {
  return (
    <li className="objection" data-testid="objection">
      <div className="record-head">
        <strong>{o.number}</strong>
        <span className="tag">{term(OBJECTION_STATUS, o.status)}</span>
        {o.overdue && <span className="tag tag-warn">已逾期</span>}
      </div>
      <div className="muted">
        {term(OBJECTION_TYPE, o.type)} · 提交于 {fmtTime(o.filedAt)}
        {o.dueDate && (
          <>
            {' · 办理期限 '}
            <DueDate date={o.dueDate} provisional={o.dueDateProvisional} />
          </>
        )}
      </div>
      <div>理由：{o.reason}</div>
      {o.explanation && <div>处理说明：{o.explanation}</div>}
      {o.refusalReason && <div>不予受理理由：{o.refusalReason}</div>}
      <ol className="timeline" aria-label={`异议 ${o.number} 办理进度`}>
        {o.timeline.map((t) => (
          <li key={t.seq}>
            <span className="muted">{fmtTime(t.at)}</span> {term(OBJECTION_ACTION, t.action)}（{term(ROLE, t.role)}）
            {t.note ? `：${t.note}` : ''}
          </li>
        ))}
      </ol>
    </li>
  );
}

import { fmtTime, OBJECTION_ACTION, ROLE, term } from '../api/terms';

/** Every step of an objection, oldest first. */
export function ObjectionTimeline({
  timeline,
}: {
  timeline: readonly { seq: number; action: string; role: string; at: string; note?: string | null }[];
}) {
  return (
    <ol className="timeline" data-testid="timeline">
      {timeline.map((t) => (
        <li key={t.seq}>
          {fmtTime(t.at)} {term(OBJECTION_ACTION, t.action)}（{term(ROLE, t.role)}）{t.note ? `：${t.note}` : ''}
        </li>
      ))}
    </ol>
  );
}

import { fmtDay, RECORD_STATUS, term } from '../api/terms';
import type { DeskRecordFieldsFragment } from '../graphql/generated/operations';
import { CORRECTION_FIELDS, formValue } from './correctionFields';

/** The record an objection is about, every content field as it stands now. */
export function RecordFacts({ record: r }: { record: DeskRecordFieldsFragment }) {
  const shown = (f: (typeof CORRECTION_FIELDS)[number]) => {
    const text = formValue(f, (r as Record<string, unknown>)[f.name]);
    if (f.kind === 'boolean') return text === 'true' ? '是' : '否';
    if (f.kind === 'choice') return f.choices?.[text] ?? (text || '—');
    return text || '—';
  };
  return (
    <section className="card" aria-labelledby="record-title" data-testid="record-facts">
      <h2 id="record-title">
        记录 {r.decisionNumber} <span className="tag">{term(RECORD_STATUS, r.status)}</span>
        {r.underObjection && <span className="tag tag-warn">异议处理中</span>}
      </h2>
      <dl className="facts">
        <dt>统一社会信用代码</dt>
        <dd>{r.creditCode}</dd>
        <dt>处罚机关统一社会信用代码</dt>
        <dd>{r.decidingAuthorityCode}</dd>
        {CORRECTION_FIELDS.map((f) => (
          <div key={f.name} className="fact">
            <dt>{f.label}</dt>
            <dd data-field={f.name}>{shown(f)}</dd>
          </div>
        ))}
        <dt>版本</dt>
        <dd>{r.version}</dd>
        {r.repaired && (
          <>
            <dt>信用修复</dt>
            <dd>
              {r.repairedAt ?? '—'}：{r.repairBasis ?? '—'}
            </dd>
          </>
        )}
        {r.revokedAt && (
          <>
            <dt>撤销</dt>
            <dd>
              {fmtDay(r.revokedAt)}：{r.revokeReason ?? '—'}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

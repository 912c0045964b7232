import { useState } from 'react';
import type {
  DeskObjectionFieldsFragment,
  DeskRecordFieldsFragment,
  ObjectionRecordChangesInput,
  ResolveObjectionInput,
} from '../graphql/generated/operations';
import { changesOf, CORRECTION_FIELDS, formValue, type CorrectionField } from './correctionFields';

type Action = 'CORRECT' | 'REVOKE' | 'REPAIR' | '';

const ACTIONS: { value: Action; label: string }[] = [
  { value: 'CORRECT', label: '更正记录内容' },
  { value: 'REVOKE', label: '撤销记录（决定已撤销或不应归集）' },
  { value: 'REPAIR', label: '认定已信用修复' },
];

/**
 * The unit's decision on an objection under review: upheld (with what it does to the record: a
 * correction of any content field, revocation or repair) or rejected, with the explanation the
 * subject reads.
 */
export function ResolveForm(props: {
  objection: DeskObjectionFieldsFragment;
  record: DeskRecordFieldsFragment;
  onSubmit: (input: ResolveObjectionInput) => Promise<void>;
}) {
  const o = props.objection;
  // An explanation request may be upheld without touching the record.
  const mayLeaveRecord = o.type === 'EXPLANATION_REQUEST';
  const [outcome, setOutcome] = useState<'UPHELD' | 'REJECTED'>('UPHELD');
  const [action, setAction] = useState<Action>(mayLeaveRecord ? '' : 'CORRECT');
  const [explanation, setExplanation] = useState('');
  const [reason, setReason] = useState('');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      CORRECTION_FIELDS.map((f) => [f.name, formValue(f, (props.record as Record<string, unknown>)[f.name])]),
    ),
  );
  const [nothing, setNothing] = useState(false);
  const submit = () => {
    const changes = changesOf(props.record, values);
    if (outcome === 'UPHELD' && action === 'CORRECT' && Object.keys(changes).length === 0) return setNothing(true);
    setNothing(false);
    void props.onSubmit({
      id: o.id,
      outcome,
      explanation,
      correction:
        outcome === 'UPHELD' && action
          ? {
              action,
              reason: reason.trim() || `异议成立：${explanation}`,
              ...(action === 'CORRECT' ? { changes: changes as ObjectionRecordChangesInput } : {}),
            }
          : null,
    });
  };
  return (
    <form
      className="resolve"
      aria-labelledby="resolve-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id="resolve-title">办理结果</h2>
      <fieldset>
        <legend>核查结论</legend>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'UPHELD'} onChange={() => setOutcome('UPHELD')} />
          异议成立
        </label>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'REJECTED'} onChange={() => setOutcome('REJECTED')} />
          异议不成立
        </label>
      </fieldset>
      <label htmlFor="explanation">处理说明（告知申请人）</label>
      <textarea
        id="explanation"
        rows={2}
        value={explanation}
        onChange={(e) => setExplanation(e.target.value)}
        required
      />
      {outcome === 'UPHELD' && (
        <>
          <fieldset>
            <legend>对记录的处理</legend>
            {mayLeaveRecord && (
              <label>
                <input type="radio" name="action" checked={action === ''} onChange={() => setAction('')} />
                不变更记录
              </label>
            )}
            {ACTIONS.map((a) => (
              <label key={a.value}>
                <input type="radio" name="action" checked={action === a.value} onChange={() => setAction(a.value)} />
                {a.label}
              </label>
            ))}
          </fieldset>
          {action && (
            <>
              <label htmlFor="correction-reason">
                {action === 'REPAIR' ? '修复依据（文书名称及文号）' : '变更理由（记入记录历史）'}
              </label>
              <textarea
                id="correction-reason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required={action === 'REPAIR'}
              />
            </>
          )}
          {action === 'CORRECT' && (
            <fieldset className="correction" data-testid="correction-form">
              <legend>更正后的记录内容（只提交改动的项；不能清空已有内容）</legend>
              {CORRECTION_FIELDS.map((f) => (
                <FieldInput
                  key={f.name}
                  field={f}
                  value={values[f.name]}
                  onChange={(v) => setValues({ ...values, [f.name]: v })}
                />
              ))}
            </fieldset>
          )}
        </>
      )}
      {nothing && (
        <p className="notice notice-error" role="alert">
          没有改动任何一项：请修改需要更正的内容，或选择撤销、修复。
        </p>
      )}
      <button type="submit">提交办理结果</button>
    </form>
  );
}

function FieldInput({
  field: f,
  value,
  onChange,
}: {
  field: CorrectionField;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = `c-${f.name}`;
  const label = (
    <label htmlFor={id}>
      {f.label}
      {f.hint && <span className="muted">（{f.hint}）</span>}
    </label>
  );
  if (f.kind === 'boolean' || f.kind === 'choice') {
    const choices = f.kind === 'boolean' ? { false: '否', true: '是' } : (f.choices ?? {});
    return (
      <div className="field">
        {label}
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {Object.entries(choices).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (f.kind === 'long')
    return (
      <div className="field">
        {label}
        <textarea id={id} rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
      </div>
    );
  return (
    <div className="field">
      {label}
      <input
        id={id}
        type={f.kind === 'date' ? 'date' : 'text'}
        inputMode={f.kind === 'money' ? 'decimal' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { call, describeError } from '../api/client';
import { OBJECTION_TYPE } from '../api/terms';
import { Notice } from '../components/Status';
import { PortalFileObjectionDocument, type ObjectionType } from '../graphql/generated/operations';
import type { HistoryRecord } from './RecordItem';

/** Files an objection about one record of the history. */
export function ObjectionForm(props: { record: HistoryRecord; onFiled: () => void; onCancel: () => void }) {
  const [type, setType] = useState('RECORD_ERROR');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const typeField = useRef<HTMLSelectElement>(null);
  // The button may be far down the list: the form comes into view with the keyboard in it.
  useEffect(() => {
    typeField.current?.scrollIntoView({ block: 'center' });
    typeField.current?.focus({ preventScroll: true });
  }, [props.record.id]);
  const submit = async () => {
    setError(undefined);
    try {
      await call(PortalFileObjectionDocument, {
        input: { recordId: props.record.id, type: type as ObjectionType, reason },
      });
      props.onFiled();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="object-title">
      <h2 id="object-title">提出异议：{props.record.decisionNumber}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="o-type">异议类型</label>
        <select id="o-type" ref={typeField} value={type} onChange={(e) => setType(e.target.value)}>
          {Object.entries(OBJECTION_TYPE).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label htmlFor="o-reason">异议理由</label>
        <textarea id="o-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required />
        <button type="submit">提交异议</button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          取消
        </button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

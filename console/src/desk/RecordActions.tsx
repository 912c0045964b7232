import { useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate } from '../api/terms';
import { Notice } from '../components/Status';
import {
  DeskRepairRecordDocument,
  DeskRevokeRecordDocument,
  type DeskRecordFieldsFragment,
} from '../graphql/generated/operations';

/**
 * What a unit may do to its record outside an objection's decision: revoke it (the decision was
 * annulled) or mark it repaired (信用修复), each with its reason kept in the record's history.
 */
export function RecordActions({
  record,
  onChange,
}: {
  record: DeskRecordFieldsFragment;
  onChange: (r: DeskRecordFieldsFragment) => void;
}) {
  const [open, setOpen] = useState<'revoke' | 'repair'>();
  const [reason, setReason] = useState('');
  const [day, setDay] = useState(isoDate());
  const [error, setError] = useState<string>();
  if (record.status === 'REVOKED') return null;
  const submit = async () => {
    setError(undefined);
    try {
      const r =
        open === 'revoke'
          ? (await call(DeskRevokeRecordDocument, { id: record.id, reason })).revokeRecord
          : (await call(DeskRepairRecordDocument, { id: record.id, basis: reason, repairedAt: day })).repairRecord;
      setOpen(undefined);
      setReason('');
      onChange(r);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="record-actions-title">
      <h2 id="record-actions-title">记录处置</h2>
      <p className="muted">不经异议直接处置本单位报送的记录：决定被撤销时撤销记录；当事人完成信用修复时标注已修复。</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setOpen('revoke')}>
          撤销记录
        </button>
        {record.status === 'EFFECTIVE' && (
          <button type="button" className="secondary" onClick={() => setOpen('repair')}>
            标注信用修复
          </button>
        )}
      </div>
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="record-reason">{open === 'revoke' ? '撤销理由' : '修复依据（文书名称及文号）'}</label>
          <textarea id="record-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
          {open === 'repair' && (
            <>
              <label htmlFor="repaired-at">修复日期</label>
              <input id="repaired-at" type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
            </>
          )}
          <button type="submit">{open === 'revoke' ? '确认撤销' : '确认修复'}</button>
          <button type="button" className="secondary" onClick={() => setOpen(undefined)}>
            取消
          </button>
        </form>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

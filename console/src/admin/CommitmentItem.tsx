import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { COMMITMENT_STATUS, fmtTime, term } from '../api/terms';
import { Notice } from '../components/Status';
import {
  AdminBreachCommitmentDocument,
  AdminClearCommitmentDocument,
  type AdminCommitmentsQuery,
} from '../graphql/generated/operations';
import { useAction } from '../components/useAction';

type Commitment = AdminCommitmentsQuery['commitments'][number];

/** One pledge: mark it breached (虚假承诺: no report replaces certificates while it stands) or clear the breach. */
export function CommitmentItem(props: {
  commitment: Commitment;
  domainName: (code: string) => string;
  onDone: (message: string) => void;
}) {
  const c = props.commitment;
  const breached = c.status === 'BREACHED';
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const message = breached ? '已撤销虚假承诺认定。' : '已认定为虚假承诺：该主体暂不能以报告代替证明。';
    const done = await action.run(
      () =>
        breached
          ? call(AdminClearCommitmentDocument, { id: c.id, reason })
          : call(AdminBreachCommitmentDocument, { id: c.id, reason }),
      message,
    );
    if (done) {
      setReason('');
      props.onDone(`${c.creditCode}：${message}`);
    }
  };
  const reasonId = `commitment-reason-${c.id}`;
  return (
    <li className={`commitment${breached ? ' overdue' : ''}`} data-testid="commitment">
      <div className="record-head">
        <strong>{c.creditCode}</strong>
        <span className={`tag ${breached ? 'tag-warn' : 'tag-ok'}`}>{term(COMMITMENT_STATUS, c.status)}</span>
        <span className="muted">作出于 {fmtTime(c.madeAt)}</span>
      </div>
      <div>承诺领域：{c.domainCodes.map(props.domainName).join('、')}</div>
      <div>承诺内容：{c.statement}</div>
      {c.breachedAt && (
        <div className={breached ? '' : 'muted'}>
          {fmtTime(c.breachedAt)} 认定虚假承诺：{c.breachReason}
        </div>
      )}
      {c.clearedAt && (
        <div className="muted">
          {fmtTime(c.clearedAt)} 撤销认定：{c.clearReason}
        </div>
      )}
      <form className="inline" onSubmit={(e) => void submit(e)} aria-label={breached ? '撤销认定' : '认定虚假承诺'}>
        <div className="grow">
          <label htmlFor={reasonId}>{breached ? '撤销认定的理由' : '认定虚假承诺的理由'}</label>
          <input
            id={reasonId}
            className="wide-input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
          />
        </div>
        <button type="submit" className={breached ? '' : 'secondary'} disabled={action.busy}>
          {breached ? '撤销认定' : '认定虚假承诺'}
        </button>
      </form>
      {action.error && <Notice kind="error">{action.error}</Notice>}
    </li>
  );
}

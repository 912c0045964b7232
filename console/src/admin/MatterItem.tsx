import { useState } from 'react';
import { call } from '../api/client';
import { SCENARIO, term } from '../api/terms';
import { Notice } from '../components/Status';
import { AdminSetMatterActiveDocument, type AdminMattersQuery } from '../graphql/generated/operations';
import { MatterHistory } from './MatterHistory';
import { useAction } from '../components/useAction';

type Matter = AdminMattersQuery['substitutionMatters'][number];

/** One matter of the catalogue: what it replaces, its state, its versions; change or (de)activate it. */
export function MatterItem(props: {
  matter: Matter;
  domainName: (code: string) => string;
  onEdit: () => void;
  onDone: () => void;
}) {
  const m = props.matter;
  const [reason, setReason] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const action = useAction();
  const toggle = async () => {
    if (
      await action.run(
        () => call(AdminSetMatterActiveDocument, { code: m.code, active: !m.active, reason: reason.trim() || null }),
        `事项“${m.name}”已${m.active ? '停用' : '启用'}。`,
      )
    ) {
      setReason('');
      props.onDone();
    }
  };
  const reasonId = `matter-reason-${m.code}`;
  return (
    <li className="matter" data-testid="matter">
      <div className="record-head">
        <strong>{m.name}</strong>
        <span className="tag">{term(SCENARIO, m.scenario)}</span>
        <span className={`tag ${m.active ? 'tag-ok' : ''}`}>{m.active ? '启用' : '已停用'}</span>
        <span className="muted">第 {m.version} 版</span>
      </div>
      <div className="muted">
        受理机构：{m.acceptingOfficeType} · 替代领域：{m.domainCodes.map(props.domainName).join('、')}
      </div>
      <div className="muted">依据：{m.legalBasis}</div>
      <div className="inline">
        <button type="button" className="secondary small" onClick={props.onEdit}>
          修改<span className="sr-only"> {m.name}</span>
        </button>
        <div>
          <label htmlFor={reasonId} className="sr-only">
            {m.active ? '停用' : '启用'}原因：{m.name}
          </label>
          <input
            id={reasonId}
            placeholder={`${m.active ? '停用' : '启用'}原因（选填）`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button type="button" className="secondary small" disabled={action.busy} onClick={() => void toggle()}>
          {m.active ? '停用' : '启用'}
          <span className="sr-only"> {m.name}</span>
        </button>
      </div>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
      <details onToggle={(e) => setShowHistory(e.currentTarget.open)}>
        <summary>变更历史（{m.version} 版）</summary>
        {showHistory && <MatterHistory code={m.code} version={m.version} domainName={props.domainName} />}
      </details>
    </li>
  );
}

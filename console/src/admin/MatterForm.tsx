import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { SCENARIO } from '../api/terms';
import { Notice } from '../components/Status';
import {
  AdminChangeMatterDocument,
  AdminDefineMatterDocument,
  type AdminMattersQuery,
  type ReportScenario,
} from '../graphql/generated/operations';
import { DomainChecklist } from './DomainChecklist';
import { useAction } from '../components/useAction';

type Matter = AdminMattersQuery['substitutionMatters'][number];

/** Defines a matter of the substitution catalogue, or changes one (with the reason kept in its history). */
export function MatterForm(props: {
  matter?: Matter;
  domains: AdminMattersQuery['domains'];
  onDone: () => void;
  onCancel?: () => void;
}) {
  const m = props.matter;
  const [code, setCode] = useState('');
  const [name, setName] = useState(m?.name ?? '');
  const [scenario, setScenario] = useState<string>(m?.scenario ?? 'BIDDING_PROCUREMENT');
  const [domainCodes, setDomainCodes] = useState<string[]>(m?.domainCodes ?? []);
  const [office, setOffice] = useState(m?.acceptingOfficeType ?? '');
  const [legalBasis, setLegalBasis] = useState(m?.legalBasis ?? '');
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = (f: string) => `${m ? 'matter-change' : 'matter-define'}-${f}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = m
      ? await action.run(
          () =>
            call(AdminChangeMatterDocument, {
              code: m.code,
              input: {
                ...(name !== m.name ? { name } : {}),
                ...(scenario !== m.scenario ? { scenario: scenario as ReportScenario } : {}),
                ...(domainCodes.join() !== m.domainCodes.join() ? { domainCodes } : {}),
                ...(office !== m.acceptingOfficeType ? { acceptingOfficeType: office } : {}),
                ...(legalBasis !== m.legalBasis ? { legalBasis } : {}),
                ...(reason.trim() ? { reason } : {}),
              },
            }),
          `已修改事项“${name.trim()}”，变更已记入历史。`,
        )
      : await action.run(
          () =>
            call(AdminDefineMatterDocument, {
              input: {
                code,
                name,
                scenario: scenario as ReportScenario,
                domainCodes,
                acceptingOfficeType: office,
                legalBasis,
              },
            }),
          `已新增事项“${name.trim()}”。`,
        );
    if (done) {
      if (!m) {
        setCode('');
        setName('');
        setDomainCodes([]);
        setOffice('');
        setLegalBasis('');
      }
      setReason('');
      props.onDone();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={m ? `修改事项 ${m.name}` : '新增替代事项'}>
      <div className="form-grid">
        {!m && (
          <div>
            <label htmlFor={id('code')}>事项编码（字母、数字和连字符）</label>
            <input id={id('code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
          </div>
        )}
        <div>
          <label htmlFor={id('name')}>事项名称</label>
          <input id={id('name')} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div>
          <label htmlFor={id('scenario')}>使用场景</label>
          <select id={id('scenario')} value={scenario} onChange={(e) => setScenario(e.target.value)}>
            {Object.entries(SCENARIO).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id('office')}>受理机构类型</label>
          <input id={id('office')} value={office} onChange={(e) => setOffice(e.target.value)} required />
        </div>
      </div>
      <label htmlFor={id('basis')}>依据</label>
      <textarea id={id('basis')} rows={2} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} required />
      <DomainChecklist legend="替代证明的领域" domains={props.domains} value={domainCodes} onChange={setDomainCodes} />
      {m && (
        <>
          <label htmlFor={id('reason')}>修改原因（记入历史）</label>
          <input id={id('reason')} className="wide-input" value={reason} onChange={(e) => setReason(e.target.value)} />
        </>
      )}
      <div>
        <button type="submit" disabled={action.busy}>
          {m ? '保存修改' : '新增事项'}
        </button>
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            取消
          </button>
        )}
      </div>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
    </form>
  );
}

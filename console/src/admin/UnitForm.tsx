import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { Notice } from '../components/Status';
import {
  AdminChangeUnitDocument,
  AdminRegisterUnitDocument,
  type AdminUnitsQuery,
} from '../graphql/generated/operations';
import { DomainChecklist } from './DomainChecklist';
import { useAction } from '../components/useAction';

type Unit = AdminUnitsQuery['sourceUnits'][number];

/** Registers a source unit, or changes one (name, credit code, region, domains) when given it. */
export function UnitForm(props: {
  unit?: Unit;
  regions: AdminUnitsQuery['regions'];
  domains: AdminUnitsQuery['domains'];
  onDone: () => void;
  onCancel?: () => void;
}) {
  const u = props.unit;
  const [code, setCode] = useState('');
  const [name, setName] = useState(u?.name ?? '');
  const [creditCode, setCreditCode] = useState(u?.creditCode ?? '');
  const [regionCode, setRegionCode] = useState(u?.regionCode ?? '520000');
  const [domainCodes, setDomainCodes] = useState<string[]>(u?.domainCodes ?? []);
  const action = useAction();
  const prefix = u ? `unit-change` : 'unit-register';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = u
      ? await action.run(
          () =>
            call(AdminChangeUnitDocument, {
              code: u.code,
              input: {
                ...(name !== u.name ? { name } : {}),
                ...(creditCode !== (u.creditCode ?? '') ? { creditCode } : {}),
                ...(regionCode !== u.regionCode ? { regionCode } : {}),
                ...(domainCodes.join() !== u.domainCodes.join() ? { domainCodes } : {}),
              },
            }),
          `已修改数据来源单位 ${u.code}，即时生效。`,
        )
      : await action.run(
          () => call(AdminRegisterUnitDocument, { input: { code, name, creditCode, regionCode, domainCodes } }),
          `已登记数据来源单位 ${code.trim().toUpperCase()}。`,
        );
    if (done) {
      if (!u) {
        setCode('');
        setName('');
        setCreditCode('');
        setDomainCodes([]);
      }
      props.onDone();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={u ? `修改 ${u.name}` : '登记数据来源单位'}>
      <div className="form-grid">
        {!u && (
          <div>
            <label htmlFor={`${prefix}-code`}>单位编码</label>
            <input
              id={`${prefix}-code`}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="如 GZ-D07"
              autoComplete="off"
              required
            />
          </div>
        )}
        <div>
          <label htmlFor={`${prefix}-name`}>单位名称</label>
          <input id={`${prefix}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div>
          <label htmlFor={`${prefix}-credit`}>统一社会信用代码</label>
          <input
            id={`${prefix}-credit`}
            value={creditCode}
            onChange={(e) => setCreditCode(e.target.value)}
            autoComplete="off"
            required={!u}
          />
        </div>
        <div>
          <label htmlFor={`${prefix}-region`}>所在地区</label>
          <select id={`${prefix}-region`} value={regionCode} onChange={(e) => setRegionCode(e.target.value)}>
            {props.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.nameZh}
              </option>
            ))}
          </select>
        </div>
      </div>
      <DomainChecklist legend="报送领域" domains={props.domains} value={domainCodes} onChange={setDomainCodes} />
      <button type="submit" disabled={action.busy}>
        {u ? '保存修改' : '登记'}
      </button>
      {props.onCancel && (
        <button type="button" className="secondary" onClick={props.onCancel}>
          取消
        </button>
      )}
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
    </form>
  );
}

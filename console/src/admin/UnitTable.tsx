import { call } from '../api/client';
import { ScrollTable } from '../components/ScrollTable';
import { Notice } from '../components/Status';
import { AdminSetUnitActiveDocument, type AdminUnitsQuery } from '../graphql/generated/operations';
import { useAction } from '../components/useAction';

type Unit = AdminUnitsQuery['sourceUnits'][number];

/** The register: every unit with its region, domains and state; change or (de)activate one. */
export function UnitTable(props: {
  units: Unit[];
  regionName: (code: string) => string;
  domainName: (code: string) => string;
  onEdit: (unit: Unit) => void;
  onDone: () => void;
}) {
  const action = useAction();
  const setActive = async (u: Unit, active: boolean) => {
    if (
      await action.run(
        () => call(AdminSetUnitActiveDocument, { code: u.code, active }),
        `${u.name}（${u.code}）已${active ? '启用' : '停用'}。`,
      )
    )
      props.onDone();
  };
  return (
    <>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
      <ScrollTable caption={`已登记单位（${props.units.length} 个）`} testId="unit-table" tall>
        <thead>
          <tr>
            <th scope="col">编码</th>
            <th scope="col">名称</th>
            <th scope="col">地区</th>
            <th scope="col">报送领域</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr key={u.code} data-testid="unit-row">
              <td className="nowrap">{u.code}</td>
              <th scope="row" className="name-cell">
                {u.name}
              </th>
              <td className="nowrap">{props.regionName(u.regionCode)}</td>
              <td className="domains-cell">{u.domainCodes.map(props.domainName).join('、')}</td>
              <td className="nowrap">
                <span className={`tag ${u.active ? 'tag-ok' : ''}`}>{u.active ? '启用' : '已停用'}</span>
              </td>
              <td className="nowrap">
                <button type="button" className="secondary small" onClick={() => props.onEdit(u)}>
                  修改<span className="sr-only"> {u.code}</span>
                </button>
                <button
                  type="button"
                  className="secondary small"
                  disabled={action.busy}
                  onClick={() => void setActive(u, !u.active)}
                >
                  {u.active ? '停用' : '启用'}
                  <span className="sr-only"> {u.code}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

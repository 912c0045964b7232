import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { ScrollTable } from '../components/ScrollTable';
import { Notice } from '../components/Status';
import {
  AdminDomainsDocument,
  AdminSetDomainActiveDocument,
  type AdminDomainsQuery,
} from '../graphql/generated/operations';
import { DomainForm } from './DomainForm';
import { DomainHistory } from './DomainHistory';
import { useAction } from '../components/useAction';

type Domain = AdminDomainsQuery['domains'][number];

/** /admin/domains: the domain catalogue (适用领域). Domains are never deleted: old reports name them. */
export function DomainsPage() {
  const [data, setData] = useState<AdminDomainsQuery>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const action = useAction();
  const load = useCallback(() => {
    call(AdminDomainsDocument, {}).then(
      (d) => {
        setData(d);
        setVersion((v) => v + 1);
      },
      (e) => setError(describeError(e)),
    );
  }, []);
  useEffect(load, [load]);
  const setActive = async (d: Domain, active: boolean) => {
    if (
      await action.run(
        () => call(AdminSetDomainActiveDocument, { code: d.code, active }),
        `领域“${d.nameZh}”已${active ? '启用' : '停用'}。`,
      )
    )
      load();
  };
  if (!data) return error ? <Notice kind="error">{error}</Notice> : <Notice kind="info">正在读取领域目录…</Notice>;
  return (
    <div className="page admin">
      <h1>适用领域目录</h1>
      <p className="muted">
        共 {data.domains.length} 个领域，其中启用 {data.domains.filter((d) => d.active).length}{' '}
        个。停用的领域保留在已出具的报告中，但不能再选择或报送。
      </p>
      <section className="card" aria-labelledby="domain-add">
        <h2 id="domain-add">新增领域</h2>
        <DomainForm onDone={load} />
      </section>
      <section className="card" aria-labelledby="domain-list">
        <h2 id="domain-list">领域目录</h2>
        {action.error && <Notice kind="error">{action.error}</Notice>}
        {action.ok && <Notice kind="ok">{action.ok}</Notice>}
        <ScrollTable caption="领域（按实施方案顺序）" testId="domain-table" tall>
          <thead>
            <tr>
              <th scope="col">编码</th>
              <th scope="col">名称</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {data.domains.map((d) => (
              <tr key={d.code} data-testid="domain-row">
                <td className="nowrap">{d.code}</td>
                <th scope="row" className="name-cell">
                  {d.nameZh}
                </th>
                <td className="nowrap">
                  <span className={`tag ${d.active ? 'tag-ok' : ''}`}>{d.active ? '启用' : '已停用'}</span>
                </td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="secondary small"
                    disabled={action.busy}
                    onClick={() => void setActive(d, !d.active)}
                  >
                    {d.active ? '停用' : '启用'}
                    <span className="sr-only"> {d.nameZh}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>
      <section className="card" aria-labelledby="domain-history">
        <h2 id="domain-history">目录变更历史</h2>
        <DomainHistory
          version={version}
          domainName={(code) => data.domains.find((d) => d.code === code)?.nameZh ?? code}
        />
      </section>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import {
  AdminUnitHistoryDocument,
  AdminUnitsDocument,
  type AdminUnitHistoryQuery,
  type AdminUnitsQuery,
} from '../graphql/generated/operations';
import { UnitForm } from './UnitForm';
import { UnitHistory } from './UnitHistory';
import { UnitTable } from './UnitTable';

type Unit = AdminUnitsQuery['sourceUnits'][number];

/** /admin/units: the register of source units, who may report which domains, and its history. */
export function UnitsPage() {
  const [data, setData] = useState<AdminUnitsQuery>();
  const [history, setHistory] = useState<AdminUnitHistoryQuery>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Unit>();
  const [historyOf, setHistoryOf] = useState('');
  const [query, setQuery] = useState('');
  const editHeading = useRef<HTMLHeadingElement>(null);
  const load = useCallback(() => {
    call(AdminUnitsDocument, {}).then(setData, (e) => setError(describeError(e)));
    call(AdminUnitHistoryDocument, {}).then(setHistory, (e) => setError(describeError(e)));
  }, []);
  useEffect(load, [load]);
  useEffect(() => editHeading.current?.focus(), [editing]);
  if (!data) return error ? <Notice kind="error">{error}</Notice> : <Notice kind="info">正在读取单位名录…</Notice>;
  const regionName = (code: string) => data.regions.find((r) => r.code === code)?.nameZh ?? code;
  const domainName = (code: string) => data.domains.find((d) => d.code === code)?.nameZh ?? code;
  const q = query.trim().toUpperCase();
  const shown = q
    ? data.sourceUnits.filter((u) => `${u.code} ${u.name} ${regionName(u.regionCode)}`.toUpperCase().includes(q))
    : data.sourceUnits;
  return (
    <div className="page admin">
      <h1>数据来源单位名录</h1>
      {error && <Notice kind="error">{error}</Notice>}
      <p className="muted">
        名录决定各单位可以报送哪些领域的记录，修改即时生效。共 {data.sourceUnits.length} 个单位，其中启用{' '}
        {data.sourceUnits.filter((u) => u.active).length} 个。
      </p>
      {editing && (
        <section className="card" aria-labelledby="unit-edit">
          <h2 id="unit-edit" ref={editHeading} tabIndex={-1}>
            修改单位：{editing.name}（{editing.code}）
          </h2>
          <UnitForm
            key={editing.code}
            unit={editing}
            regions={data.regions}
            domains={data.domains}
            onDone={load}
            onCancel={() => setEditing(undefined)}
          />
        </section>
      )}
      <section className="card" aria-labelledby="unit-register">
        <h2 id="unit-register">登记新单位</h2>
        <UnitForm regions={data.regions} domains={data.domains} onDone={load} />
      </section>
      <section className="card" aria-labelledby="unit-list">
        <h2 id="unit-list">单位名录</h2>
        <label htmlFor="unit-filter">筛选（编码、名称或地区）</label>
        <input id="unit-filter" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <UnitTable units={shown} regionName={regionName} domainName={domainName} onEdit={setEditing} onDone={load} />
      </section>
      <section className="card" aria-labelledby="unit-history">
        <h2 id="unit-history">名录变更历史</h2>
        <label htmlFor="unit-history-of">单位</label>
        <select id="unit-history-of" value={historyOf} onChange={(e) => setHistoryOf(e.target.value)}>
          <option value="">全部单位</option>
          {data.sourceUnits.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}（{u.code}）
            </option>
          ))}
        </select>
        {history ? <UnitHistory data={history} unitCode={historyOf} /> : <Notice kind="info">正在读取变更历史…</Notice>}
      </section>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import { AdminMattersDocument, type AdminMattersQuery } from '../graphql/generated/operations';
import { MatterForm } from './MatterForm';
import { MatterItem } from './MatterItem';

type Matter = AdminMattersQuery['substitutionMatters'][number];

/** /admin/substitution: the substitution catalogue (应替尽替): which matters' certificates a report replaces. */
export function SubstitutionPage() {
  const [data, setData] = useState<AdminMattersQuery>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Matter>();
  const editHeading = useRef<HTMLHeadingElement>(null);
  const load = useCallback(() => {
    call(AdminMattersDocument, {}).then(
      (d) => {
        setData(d);
        // The form shows the version just saved (its history grows by one).
        setEditing((e) => (e ? d.substitutionMatters.find((m) => m.code === e.code) : e));
      },
      (e) => setError(describeError(e)),
    );
  }, []);
  useEffect(load, [load]);
  useEffect(() => editHeading.current?.focus(), [editing?.code]);
  if (!data) return error ? <Notice kind="error">{error}</Notice> : <Notice kind="info">正在读取替代事项目录…</Notice>;
  const domainName = (code: string) => data.domains.find((d) => d.code === code)?.nameZh ?? code;
  const matters = data.substitutionMatters;
  return (
    <div className="page admin">
      <h1>替代事项目录</h1>
      <p className="muted">
        目录列明以专项信用报告代替无违法违规记录证明的事项，共 {matters.length} 项，其中启用{' '}
        {matters.filter((m) => m.active).length} 项。每次修改都记入该事项的历史。
      </p>
      {editing && (
        <section className="card" aria-labelledby="matter-edit">
          <h2 id="matter-edit" ref={editHeading} tabIndex={-1}>
            修改事项：{editing.name}
          </h2>
          <MatterForm
            key={editing.code}
            matter={editing}
            domains={data.domains}
            onDone={load}
            onCancel={() => setEditing(undefined)}
          />
        </section>
      )}
      <section className="card" aria-labelledby="matter-define">
        <h2 id="matter-define">新增事项</h2>
        <MatterForm domains={data.domains} onDone={load} />
      </section>
      <section className="card" aria-labelledby="matter-list">
        <h2 id="matter-list">事项目录</h2>
        <ul className="matters">
          {matters.map((m) => (
            <MatterItem key={m.code} matter={m} domainName={domainName} onEdit={() => setEditing(m)} onDone={load} />
          ))}
        </ul>
      </section>
    </div>
  );
}

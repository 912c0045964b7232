import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import { AdminGuidesDocument, type AdminGuidesQuery } from '../graphql/generated/operations';
import { GuideForm } from './GuideForm';
import { GuideHistory } from './GuideHistory';

/** /admin/guides: the service guide (办事指南) of each channel, as the public reads it at /guides/…, and its versions. */
export function GuidesPage() {
  const [data, setData] = useState<AdminGuidesQuery>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    call(AdminGuidesDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, []);
  useEffect(load, [load]);
  if (!data) return error ? <Notice kind="error">{error}</Notice> : <Notice kind="info">正在读取办事指南…</Notice>;
  return (
    <div className="page admin">
      <h1>办事指南</h1>
      <p className="muted">各办理渠道的办事指南，保存后公众页面即时更新。</p>
      {data.history.unavailable.length > 0 && (
        <Notice kind="error">部分审计日志暂时无法读取，修改历史可能不完整。</Notice>
      )}
      {data.serviceGuides.map((g) => (
        <section key={g.channel} className="card" aria-labelledby={`guide-${g.channel}`} data-testid="guide">
          <h2 id={`guide-${g.channel}`}>{g.channelName}</h2>
          <p className="muted">
            第 {g.version} 版 · 更新于 {fmtTime(g.updatedAt)} · <a href={g.pagePath}>查看公众页面</a>
          </p>
          <details>
            <summary>编辑指南</summary>
            <GuideForm guide={g} onDone={load} />
          </details>
          <details>
            <summary>修改历史</summary>
            <GuideHistory entries={data.history.entries} channel={g.channel} />
          </details>
        </section>
      ))}
    </div>
  );
}

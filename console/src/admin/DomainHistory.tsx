import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { accessActionZh, fmtTime } from '../api/terms';
import { HistoryList } from '../components/HistoryList';
import { Notice } from '../components/Status';
import { AdminDomainHistoryDocument, type AdminDomainHistoryQuery } from '../graphql/generated/operations';
import { actorZh } from './actorZh';

/** The catalogue's changes, newest first, from the audit entries written with each (the 43 of the plan are the start). */
export function DomainHistory({ version, domainName }: { version: number; domainName: (code: string) => string }) {
  const [data, setData] = useState<AdminDomainHistoryQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(AdminDomainHistoryDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, [version]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <p className="muted">正在读取变更历史…</p>;
  const parts = [data.added, data.activated, data.deactivated];
  const entries = parts.flatMap((p) => p.entries).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <>
      {parts.some((p) => p.unavailable.length > 0) && (
        <Notice kind="error">部分审计日志暂时无法读取，历史可能不完整。</Notice>
      )}
      <HistoryList
        testId="domain-history"
        empty="目录自上线以来未变更（实施方案所列 43 个领域）。"
        items={entries.map((e, i) => ({
          key: `${e.at}-${e.requestId}-${i}`,
          at: fmtTime(e.at),
          title: `${accessActionZh(e.action)} ${domainName(e.target ?? '')}（${e.target ?? ''}）`,
          who: actorZh(e.actor),
        }))}
      />
    </>
  );
}

import { useState } from 'react';
import { call } from '../api/client';
import { Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { PortalHistoryDocument, type RecordCategory } from '../graphql/generated/operations';
import type { RouteContext } from '../router/route';
import { navigate, withSearch } from '../router/router';
import { HistoryFilters } from './HistoryFilters';
import { firstShown, PAGE_SIZE, readHistoryPlace } from './historyPlace';
import { HistorySummary } from './HistorySummary';
import { ObjectionForm } from './ObjectionForm';
import { Pager } from './Pager';
import { RecordItem, type HistoryRecord } from './RecordItem';
import { domainNamer, useProfile } from './useProfile';

/** /portal/history: every record of the period, a page of 50 at a time, filters and page in the address. */
export function HistoryPage({ session, place }: RouteContext) {
  const creditCode = session.creditCode!;
  const at = readHistoryPlace(place);
  const { data: profile } = useProfile(creditCode);
  const [target, setTarget] = useState<HistoryRecord>();
  const after = at.trail.at(-1) ?? null;
  const { data, error } = useLoad(
    () =>
      call(PortalHistoryDocument, {
        creditCode,
        from: at.from,
        to: at.to,
        domains: at.domain ? [at.domain] : null,
        categories: at.category ? [at.category as RecordCategory] : null,
        first: PAGE_SIZE,
        after,
      }),
    [creditCode, at.from, at.to, at.domain, at.category, after],
  );
  const domainName = domainNamer(profile);
  const summary = data?.subject?.recordSummary;
  const connection = data?.subject?.records;
  const records = connection?.edges.map((e) => e.node) ?? [];
  const pager = (bottom: boolean) =>
    connection && (
      <Pager
        bottom={bottom}
        place={place}
        trail={at.trail}
        shown={records.length}
        first={firstShown(at)}
        total={connection.totalCount}
        endCursor={connection.pageInfo.endCursor}
        hasNextPage={connection.pageInfo.hasNextPage}
      />
    );
  return (
    <div className="page">
      <h1>信用记录</h1>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">查询条件</h2>
        <HistoryFilters
          at={at}
          profile={profile}
          // A new filter is a new list: back to its first page, without a history entry per keystroke.
          onChange={(changes) => navigate(withSearch(place, { ...changes, after: undefined }), { replace: true })}
        />
        {summary && <HistorySummary summary={summary} domainName={domainName} />}
      </section>
      {target && (
        <ObjectionForm
          record={target}
          onCancel={() => setTarget(undefined)}
          onFiled={() => navigate('/portal/objections')}
        />
      )}
      <section className="card" aria-labelledby="records-title">
        <h2 id="records-title">记录列表</h2>
        {error && <Notice kind="error">{error}</Notice>}
        {!data && !error && <Notice kind="info">正在读取…</Notice>}
        {pager(false)}
        <ul className="records" aria-label="记录列表">
          {records.map((r) => (
            <RecordItem key={r.id} record={r} domainName={domainName} onObject={setTarget} />
          ))}
        </ul>
        {records.length === 0 && data && <Notice kind="ok">所选期间与范围内无违法违规记录。</Notice>}
        {records.length > 10 && pager(true)}
      </section>
    </div>
  );
}

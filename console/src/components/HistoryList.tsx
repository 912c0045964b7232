import type { ReactNode } from 'react';

export interface HistoryItem {
  key: string;
  /** When, as people read it (fmtTime). */
  at: string;
  /** What happened, in a few words. */
  title: ReactNode;
  /** Who did it (a role's name). */
  who?: string;
  detail?: ReactNode;
}

/** A register's or catalogue's changes, newest first, as an ordered list a screen reader can count. */
export function HistoryList({
  items,
  empty = '暂无变更记录。',
  testId,
}: {
  items: HistoryItem[];
  empty?: string;
  testId?: string;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="history" data-testid={testId}>
      {items.map((h) => (
        <li key={h.key} data-testid="history-item">
          <div className="history-head">
            <time>{h.at}</time> <strong>{h.title}</strong>
            {h.who && <span className="muted">（{h.who}）</span>}
          </div>
          {h.detail && <div className="history-detail">{h.detail}</div>}
        </li>
      ))}
    </ol>
  );
}

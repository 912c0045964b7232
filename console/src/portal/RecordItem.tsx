import { CATEGORY, term } from '../api/terms';
import type { PortalHistoryQuery } from '../graphql/generated/operations';

export type HistoryRecord = NonNullable<PortalHistoryQuery['subject']>['records']['edges'][number]['node'];

/** One record of the history with its labels (简易程序, 已修复, 异议处理中). */
export function RecordItem(props: {
  record: HistoryRecord;
  domainName: (code: string) => string;
  onObject: (r: HistoryRecord) => void;
}) {
  const r = props.record;
  return (
    <li className="record" data-testid="record">
      <div className="record-head">
        <strong>{r.decisionNumber}</strong>
        {r.simplifiedProcedure && <span className="tag">简易程序</span>}
        {r.repaired && <span className="tag tag-ok">已修复</span>}
        {r.underObjection && <span className="tag tag-warn">异议处理中</span>}
      </div>
      <div className="muted">
        {r.decisionDate} · {props.domainName(r.domainCode)} · {term(CATEGORY, r.category)} · {r.decidingAuthority}
      </div>
      <div>
        {r.violationType ? `${r.violationType}：` : ''}
        {r.penaltyContent ?? ''}
      </div>
      {r.repaired && r.repairedAt && <div className="muted">修复日期 {r.repairedAt}</div>}
      <button type="button" className="secondary" onClick={() => props.onObject(r)} disabled={r.underObjection}>
        对此记录提出异议
      </button>
    </li>
  );
}

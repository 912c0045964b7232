import { RECORD_CHANGE, RECORD_FIELD, RECORD_STATUS, term } from '../api/terms';
import type { PortalReportsQuery } from '../graphql/generated/operations';

export type Report = NonNullable<PortalReportsQuery['subject']>['reports'][number];

/** A changed field's value as people read it: a status by its label, a flag as 是/否, nothing as —. */
function shown(field: string, json: string | null): string {
  if (json === null) return '—';
  const v: unknown = JSON.parse(json);
  if (field === 'status' && typeof v === 'string') return term(RECORD_STATUS, v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** "Records changed since issuance": what changed, and reissue in one click (or where it was reissued). */
export function RecordsChangedBanner({ report, onReissue }: { report: Report; onReissue: () => void }) {
  const changes = report.changes!;
  return (
    <div className="banner-changed" role="alert" data-testid="records-changed">
      <strong>报告真实，但出具后信用记录已有变化，建议重新出具。</strong>
      <span>
        自 {changes.firstChangedOn} 起：
        {(
          [
            ['CORRECTED', changes.corrected],
            ['REVOKED', changes.revoked],
            ['REPAIRED', changes.repaired],
            ['ADDED_LATE', changes.addedLate],
            ['UNDER_OBJECTION', changes.underObjection],
          ] as const
        )
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${RECORD_CHANGE[k]} ${n} 项`)
          .join('、')}
      </span>
      <ul className="changes">
        {report.recordChanges.map((c) => (
          <li key={`${c.recordId}-${c.at}-${c.kind}`}>
            {c.decisionNumber}：{term(RECORD_CHANGE, c.kind)}
            {c.fields.length > 0 &&
              `（${c.fields
                .map(
                  (f) => `${RECORD_FIELD[f.field] ?? f.field} ${shown(f.field, f.before)} → ${shown(f.field, f.after)}`,
                )
                .join('；')}）`}
          </li>
        ))}
      </ul>
      {report.supersededBy ? (
        <span>已重新出具为 {report.supersededBy}。</span>
      ) : (
        <button type="button" onClick={onReissue}>
          重新出具报告
        </button>
      )}
    </div>
  );
}

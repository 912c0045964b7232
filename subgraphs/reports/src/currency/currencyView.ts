import { chinaDate, RECORD_CHANGE_ZH } from '@credit/shared';
import type { CreditReportEntity } from '../report/report.entity';
import { VerificationWarning, VerificationWarningCode } from '../verification/verification.type';
import { RecordFieldChange, ReportChanges, ReportRecordChange } from './currency.type';
import type { RecordChangeKind } from './recordChange.inputs';
import type { ReportRecordChangeEntity } from './reportRecordChange.entity';

/** The counts on the report row, or null when no record it covers changed since issuance. */
export function changesOf(row: CreditReportEntity): ReportChanges | null {
  if (!row.changedAt) return null;
  const counts = {
    corrected: row.changesCorrected ?? 0,
    revoked: row.changesRevoked ?? 0,
    repaired: row.changesRepaired ?? 0,
    addedLate: row.changesAddedLate ?? 0,
    underObjection: row.changesUnderObjection ?? 0,
  };
  return Object.assign(new ReportChanges(), {
    firstChangedAt: row.changedAt.toISOString(),
    firstChangedOn: chinaDate(row.changedAt),
    ...counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  });
}

// The counts on the report row, by the change kind whose label they take.
const KIND_ZH: [keyof Omit<ReportChanges, 'firstChangedAt' | 'firstChangedOn' | 'total'>, string][] = [
  ['corrected', RECORD_CHANGE_ZH.CORRECTED],
  ['revoked', RECORD_CHANGE_ZH.REVOKED],
  ['repaired', RECORD_CHANGE_ZH.REPAIRED],
  ['addedLate', RECORD_CHANGE_ZH.ADDED_LATE],
  ['underObjection', RECORD_CHANGE_ZH.UNDER_OBJECTION],
];

export const RECORDS_CHANGED_BANNER = '报告真实，但出具后信用记录已有变化，建议信用主体重新出具';

/** What the verifier is told: counts and the first day, no record content. */
export function recordsChangedWarning(changes: ReportChanges): VerificationWarning {
  const counts = KIND_ZH.filter(([k]) => changes[k] > 0)
    .map(([k, zh]) => `${zh} ${changes[k]} 项`)
    .join('、');
  return Object.assign(new VerificationWarning(), {
    code: VerificationWarningCode.RECORDS_CHANGED_SINCE_ISSUANCE,
    date: changes.firstChangedOn,
    reason: counts,
    message: `${RECORDS_CHANGED_BANNER}（自 ${changes.firstChangedOn} 起：${counts}）。`,
  });
}

const asJson = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export function toRecordChangeView(e: ReportRecordChangeEntity): ReportRecordChange {
  const fields = e.changes ? (JSON.parse(e.changes) as Record<string, [unknown, unknown]>) : {};
  return Object.assign(new ReportRecordChange(), {
    recordId: e.recordId,
    decisionNumber: e.decisionNumber,
    domainCode: e.domainCode,
    decisionDate: e.decisionDate,
    kind: e.kind as RecordChangeKind,
    at: e.at.toISOString(),
    fields: Object.entries(fields).map(([field, [before, after]]) =>
      Object.assign(new RecordFieldChange(), { field, before: asJson(before), after: asJson(after) }),
    ),
  });
}

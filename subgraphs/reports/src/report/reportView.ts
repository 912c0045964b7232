import { changesOf } from '../currency/currencyView';
import { identityAsSeen } from './identityAsSeen';
import type { CreditReportEntity } from './report.entity';
import { CreditReport, ReportDomain, ReportStatus, type ReportAccess } from './report.type';
import { seesDetails } from './reportAccess';
import type { ReportChannel, ReportScenario, SnapshotDomain } from './snapshot';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The GraphQL view of a stored report for a caller with the given access. */
export function toReportView(
  row: CreditReportEntity,
  access: ReportAccess,
  verificationCode: string | null,
): CreditReport {
  const seen = identityAsSeen({ kind: row.subjectKind, name: row.subjectName, creditCode: row.creditCode }, access);
  return Object.assign(new CreditReport(), {
    number: row.number,
    status: row.status as ReportStatus,
    issuedAt: row.issuedAt.toISOString(),
    scenario: row.scenario as ReportScenario,
    channel: row.channel as ReportChannel,
    creditCode: seen.creditCode,
    subjectName: seen.name,
    subjectKind: row.subjectKind,
    regionCode: row.regionCode,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    coverageFrom: row.coverageFrom,
    requiredByReportUser: row.requiredByReportUser,
    recordCount: row.recordCount,
    sha256: row.sha256,
    signature: row.signature,
    keyId: row.keyId,
    sm2Signature: row.sm2Signature ?? null,
    sm2KeyId: row.sm2KeyId ?? null,
    verificationCode,
    revokedAt: iso(row.revokedAt),
    revocationReason: row.revocationReason,
    detailsVisible: seesDetails(access),
    current: row.status === ReportStatus.ISSUED && !row.changedAt,
    changes: changesOf(row),
    supersedes: row.supersedes ?? null,
    supersededBy: row.supersededBy ?? null,
    windowAuthorization:
      (access === 'OWNER' || access === 'OFFICIAL') && row.windowAuthorization ? { ...row.windowAuthorization } : null,
    row,
    access,
  });
}

/** Per-domain outcomes; records only for those who may see details. */
export function toDomainViews(domains: SnapshotDomain[], details: boolean): ReportDomain[] {
  return domains.map((d) =>
    Object.assign(new ReportDomain(), {
      code: d.code,
      nameZh: d.nameZh,
      outcome: d.outcome,
      recordCount: d.records.length,
      records: details ? d.records.map((r) => ({ ...r })) : null,
    }),
  );
}

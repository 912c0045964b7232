import {
  canSeePersonalData,
  maskIdNumber,
  maskPersonName,
  PERSONAL_RECORD_FIELDS,
  PLAIN_RECORD_FIELDS,
  type Principal,
} from '@credit/shared';
import type { RecordEntity } from './record.entity';
import { parseChanges, type RevisionEntity } from './revision.entity';
import {
  LicenceAction,
  RecordCategory,
  RecordRevision,
  RecordStatus,
  RecordSubjectType,
  ViolationRecord,
} from './record.type';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const splitPenaltyTypes = (v: string | null): string[] => (v ? v.split(';').filter(Boolean) : []);

/** The GraphQL view of a record: a natural person's ID and name are masked for whoever may not see them. */
export function toRecordView(e: RecordEntity, p: Principal | undefined): ViolationRecord {
  const person = e.subjectType === RecordSubjectType.NATURAL_PERSON;
  const masked = person && !canSeePersonalData(p, e.creditCode);
  const view = Object.assign(new ViolationRecord(), {
    id: e.id,
    creditCode: masked ? maskIdNumber(e.creditCode) : e.creditCode,
    subjectName: masked ? maskPersonName(e.subjectName) : e.subjectName,
    subjectType: e.subjectType as RecordSubjectType,
    domainCode: e.domainCode,
    category: e.category as RecordCategory,
    simplifiedProcedure: e.simplifiedProcedure,
    decisionNumber: e.decisionNumber,
    decisionDate: e.decisionDate,
    violationType: e.violationType,
    facts: e.facts,
    legalBasis: e.legalBasis,
    penaltyTypes: splitPenaltyTypes(e.penaltyTypes),
    penaltyContent: e.penaltyContent,
    fineAmount: e.fineAmount,
    confiscatedAmount: e.confiscatedAmount,
    licenceAction: e.licenceAction as LicenceAction | null,
    licenceDetail: e.licenceDetail,
    effectiveUntil: e.effectiveUntil,
    publicityDeadline: e.publicityDeadline,
    decidingAuthority: e.decidingAuthority,
    decidingAuthorityCode: e.decidingAuthorityCode,
    sourceUnitCode: e.sourceUnitCode,
    regionCode: e.regionCode,
    submittedAt: iso(e.submittedAt)!,
    status: e.status as RecordStatus,
    repaired: e.status === RecordStatus.REPAIRED,
    repairedAt: e.repairedAt,
    repairBasis: e.repairBasis,
    revokedAt: iso(e.revokedAt),
    revokeReason: e.revokeReason,
    underObjection: e.underObjection,
    version: e.version,
    masked,
  });
  for (const f of PLAIN_RECORD_FIELDS) view[f] = masked && PERSONAL_RECORD_FIELDS.includes(f) ? null : e[f];
  return view;
}

const show = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);

const PERSONAL_FIELDS: Record<string, (v: string) => string> = {
  creditCode: maskIdNumber,
  subjectName: maskPersonName,
};

/** A revision; `masked` hides a natural person's ID and name inside the changes too. */
export function toRevisionView(r: RevisionEntity, masked: boolean): RecordRevision {
  const value = (field: string, v: unknown) => {
    const s = show(v);
    return s !== null && masked && PERSONAL_FIELDS[field] ? PERSONAL_FIELDS[field](s) : s;
  };
  return Object.assign(new RecordRevision(), {
    seq: r.seq,
    action: r.action,
    actor: r.actor,
    at: r.at.toISOString(),
    reason: r.reason,
    objectionId: r.objectionId,
    changes: Object.entries(parseChanges(r.changes)).map(([field, [before, after]]) => ({
      field,
      before: value(field, before),
      after: value(field, after),
    })),
  });
}

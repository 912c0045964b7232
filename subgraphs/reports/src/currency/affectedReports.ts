import type { RecordChangeInput } from './recordChange.inputs';

/** What of an issued report decides whether a change to a record touches it. */
export interface CoveringReport {
  number: string;
  creditCode: string;
  domainCodes: string[];
  periodFrom: string;
  periodTo: string;
  issuedAt: Date;
}

const inside = (r: CoveringReport, domain: string | null | undefined, date: string | null | undefined) =>
  Boolean(domain && date) && r.domainCodes.includes(domain!) && r.periodFrom <= date! && date! <= r.periodTo;

/**
 * A change touches an issued report when it came after issuance and the record, before or after the
 * change, is one the report covers: the same subject, a domain of the report, decided inside its
 * period. (A correction that moves a record out of the period changes the report as much as one
 * that moves a record in.)
 */
export function touches(report: CoveringReport, change: RecordChangeInput): boolean {
  if (report.creditCode !== change.creditCode) return false;
  if (!(report.issuedAt.getTime() < Date.parse(change.at))) return false;
  return (
    inside(report, change.domainCode, change.decisionDate) ||
    inside(report, change.previousDomainCode ?? change.domainCode, change.previousDecisionDate ?? null)
  );
}

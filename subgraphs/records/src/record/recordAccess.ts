import { assertMayActForSubject, forbidden, Role, unauthenticated, type Principal } from '@credit/shared';
import type { RecordEntity } from './record.entity';

/** What part of a subject's records a caller may read: all, or only some domains. */
export interface ReadScope {
  /** Undefined: every domain. */
  domains?: ReadonlySet<string>;
}

/**
 * Who may read one subject's records (architecture.md, roles): the subject itself, operators,
 * the lead department and services; a source unit only the records of its own domains (minimal
 * sharing); partners only through an authorised report (not yet: FORBIDDEN); analysts never.
 */
export function recordReadScope(p: Principal | undefined, creditCode: string): ReadScope {
  assertMayActForSubject(p, { action: 'records:read', creditCode });
  return p.role === Role.SOURCE_UNIT ? { domains: new Set(p.domains) } : {};
}

/** One record by id: the subject's scope, or a source unit's own submissions. */
export function assertMayReadRecord(p: Principal | undefined, r: RecordEntity): void {
  if (p?.role === Role.SOURCE_UNIT && p.unitCode === r.sourceUnitCode) return;
  const scope = recordReadScope(p, r.creditCode);
  if (scope.domains && !scope.domains.has(r.domainCode))
    throw forbidden(`record ${r.id} is outside your unit's domains`);
}

/** Status changes: the lead department, or the unit that submitted the record. */
export function assertMayChangeRecord(p: Principal | undefined, r: RecordEntity): void {
  if (!p) throw unauthenticated();
  if (p.role === Role.LEAD_DEPARTMENT) return;
  if (p.role === Role.SOURCE_UNIT && p.unitCode === r.sourceUnitCode) return;
  throw forbidden(`record ${r.id} can be changed only by its source unit ${r.sourceUnitCode} or the lead department`);
}

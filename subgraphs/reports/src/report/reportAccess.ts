import { isOwner, Role, type Principal } from '@credit/shared';
import type { ReportAccess } from './report.type';

/**
 * The caller's standing towards a subject's reports before any grant is looked at: the owner,
 * an official (lead department, operator at a window, internal service), a partner who needs the
 * subject's authorisation per report, or nobody.
 */
export function standingOf(p: Principal | undefined, creditCode: string): ReportAccess | 'PARTNER' | null {
  if (!p) return null;
  if (isOwner(p, creditCode)) return 'OWNER';
  if (p.role === Role.LEAD_DEPARTMENT || p.role === Role.SERVICE || p.role === Role.OPERATOR) return 'OFFICIAL';
  if (p.role === Role.PARTNER) return 'PARTNER';
  return null;
}

/** Record details and unmasked personal data: everyone who may read the report at all. */
export const seesDetails = (access: ReportAccess): boolean => access !== 'VERIFIER';

/** The caller's access to one stored report, asking for a grant only when the caller is a partner. */
export async function accessTo(
  p: Principal | undefined,
  row: { number: string; creditCode: string },
  hasGrant: (number: string) => Promise<boolean>,
): Promise<Exclude<ReportAccess, 'VERIFIER'> | null> {
  const standing = standingOf(p, row.creditCode);
  if (standing === 'PARTNER') return (await hasGrant(row.number)) ? 'AUTHORISED_PARTNER' : null;
  return standing === 'VERIFIER' ? null : standing;
}

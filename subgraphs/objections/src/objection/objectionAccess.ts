import { canSeePersonalData, forbidden, Role, unauthenticated, type Principal } from '@credit/shared';
import type { ObjectionEntity } from './objection.entity';

/**
 * Who may read an objection: its subject (and an operator acting for it), the unit it is routed
 * to, the lead department and internal services. Analysts see statistics only; partners nothing.
 */
export function mayReadObjection(p: Principal, o: Pick<ObjectionEntity, 'creditCode' | 'unitCode'>): boolean {
  switch (p.role) {
    case Role.SUBJECT:
      return p.creditCode === o.creditCode;
    case Role.SOURCE_UNIT:
      return p.unitCode === o.unitCode;
    case Role.OPERATOR:
    case Role.LEAD_DEPARTMENT:
    case Role.SERVICE:
      return true;
    default:
      return false;
  }
}

/** Roles that may ask for objections at all (a unit or subject then sees only its own). */
export function assertMayListObjections(p: Principal | undefined): asserts p is Principal {
  if (!p) throw unauthenticated('objections require a bearer token');
  if (p.role === Role.ANALYST) throw forbidden('analysts see objection statistics only, never an objection');
  if (p.role === Role.PARTNER) throw forbidden('partners may not read objections');
}

export const isMaskedFor = (
  p: Principal | undefined,
  o: Pick<ObjectionEntity, 'creditCode' | 'naturalPerson'>,
): boolean => o.naturalPerson && !canSeePersonalData(p, o.creditCode);

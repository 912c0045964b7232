import { forbidden } from '../errors';

/** What the rule needs of a register entry (EntitiesCatalogue.sourceUnits). */
export interface RegisteredUnit {
  code: string;
  active: boolean;
}

/**
 * The register of source units, not the token, decides whether a unit may act: a token naming a
 * unit that is not registered, or that the lead department deactivated, is refused (FORBIDDEN).
 */
export function activeRegisteredUnit<U extends RegisteredUnit>(units: readonly U[], unitCode: string): U {
  const unit = units.find((u) => u.code === unitCode);
  if (!unit) throw forbidden(`unit ${unitCode} is not in the register of source units`);
  if (!unit.active) throw forbidden(`unit ${unitCode} is deactivated in the register of source units`);
  return unit;
}

import { activeRegisteredUnit, actorOf, type PrincipalOf, type Role } from '@credit/shared';
import type { SourceUnitDirectory } from '../catalogue/entitiesDirectory';
import type { Submitter } from './submission.service';

/**
 * The register, not the token, decides a unit's authority: the unit must be registered and
 * active, and it writes only the register's domains (a token's `domains` claim can only narrow them).
 */
export async function submitterFor(
  principal: PrincipalOf<typeof Role.SOURCE_UNIT>,
  units: SourceUnitDirectory,
  requestId?: string,
): Promise<Submitter> {
  const unit = activeRegisteredUnit(await units.sourceUnits(), principal.unitCode);
  const claimed = principal.domains?.length ? new Set(principal.domains) : null;
  const domains = unit.domainCodes.filter((d) => !claimed || claimed.has(d));
  return {
    unitCode: unit.code,
    unitDomains: new Set(domains),
    unitRegionCode: unit.regionCode,
    actor: actorOf(principal),
    channel: 'API',
    requestId,
  };
}

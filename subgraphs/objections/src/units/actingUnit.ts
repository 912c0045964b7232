import { activeRegisteredUnit, Role } from '@credit/shared';
import type { ObjectionsContext } from '../context';

/**
 * A source unit acts on objections and complaints only while the register holds it, active
 * (FORBIDDEN otherwise), as it submits records only then: the token alone does not decide.
 */
export async function assertUnitMayAct(ctx: ObjectionsContext): Promise<void> {
  const p = ctx.principal;
  if (p?.role !== Role.SOURCE_UNIT) return;
  activeRegisteredUnit(await ctx.services.units(ctx.requestId), p.unitCode);
}

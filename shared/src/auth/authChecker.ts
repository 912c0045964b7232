import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/errors';
import type { Principal, Role } from './principal';

export interface AuthContext {
  principal?: Principal;
}

/** type-graphql `@Authorized(...roles)`: no principal -> UNAUTHENTICATED, wrong role -> FORBIDDEN. */
export const roleAuthChecker: AuthCheckerFn<AuthContext, Role> = ({ context, info }, roles) => {
  const p = context.principal;
  if (!p) throw unauthenticated(`${info.parentType.name}.${info.fieldName} requires a bearer token`);
  if (roles.length > 0 && !roles.includes(p.role)) {
    throw forbidden(`${info.parentType.name}.${info.fieldName} is not available to role ${p.role}`);
  }
  return true;
};

export function requirePrincipal(ctx: AuthContext): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

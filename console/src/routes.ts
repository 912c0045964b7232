import { ADMIN_ROUTES } from './admin/routes';
import { DESK_ROUTES } from './desk/routes';
import { KIOSK_ROUTES } from './kiosk/routes';
import { OVERSIGHT_ROUTES } from './oversight/routes';
import { PARTNER_ROUTES } from './partner/routes';
import { PORTAL_ROUTES } from './portal/routes';
import { PUBLIC_ROUTES } from './public/routes';
import type { ConsoleRoute } from './router/route';
import { matchPath } from './router/router';
import type { Session } from './session/session';
import { WINDOW_ROUTES } from './window/routes';

/** Every console page. The gateway serves index.html under each area's prefix (gateway consoleRoutes). */
export const ROUTES: readonly ConsoleRoute[] = [
  ...PUBLIC_ROUTES,
  ...PORTAL_ROUTES,
  ...DESK_ROUTES,
  ...OVERSIGHT_ROUTES,
  ...ADMIN_ROUTES,
  ...WINDOW_ROUTES,
  ...KIOSK_ROUTES,
  ...PARTNER_ROUTES,
];

/** Where a role works: its first page. */
export function homeOf(session: Pick<Session, 'role' | 'channel'>): string {
  switch (session.role) {
    case 'SUBJECT':
      return '/portal';
    case 'SOURCE_UNIT':
      return '/desk';
    case 'LEAD_DEPARTMENT':
    case 'ANALYST':
      return '/oversight';
    case 'OPERATOR':
      return session.channel === 'SELF_SERVICE_TERMINAL' ? '/kiosk' : '/window';
    case 'PARTNER':
      return '/partner';
    default:
      return '/';
  }
}

export function findRoute(path: string): { route: ConsoleRoute; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

export function mayOpen(route: ConsoleRoute, session: Session | undefined): boolean {
  if (route.roles === 'anyone') return true;
  if (!session || !route.roles.includes(session.role)) return false;
  return !route.channel || route.channel === session.channel;
}

/** The pages in a role's navigation, in the order their areas list them. */
export function navigationOf(session: Session): ConsoleRoute[] {
  return ROUTES.filter((r) => r.nav && r.roles !== 'anyone' && mayOpen(r, session));
}

import type { ReactNode } from 'react';
import type { Session } from '../session/session';
import type { Place } from './router';

/** What a page is given: who is signed in, the path's parameters and the query string. */
export interface RouteContext {
  session: Session;
  params: Record<string, string>;
  place: Place;
}

/**
 * One console page. Each area (portal, desk, oversight, admin, window, kiosk, partner, public) lists
 * its pages in its own `routes.tsx`; `console/src/routes.ts` joins them.
 */
export interface ConsoleRoute {
  /** `/portal/history`, `/desk/objections/:number`. */
  path: string;
  /** The roles that may open it; `anyone` for public pages (no sign-in). */
  roles: readonly string[] | 'anyone';
  /** The label in the role's navigation; pages without one are reached by links. */
  nav?: string;
  /** The document title (the browser tab, history entries). */
  title: string;
  /** OPERATOR pages: the channel the token must name (a kiosk token does not open the window's pages). */
  channel?: string;
  render: (ctx: RouteContext) => ReactNode;
}

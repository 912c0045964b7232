import { useSyncExternalStore } from 'react';

// The console's pages are real paths (/portal/history, /desk/objections …): a reload or a shared link
// opens the same page (the gateway serves index.html for every console prefix) and the browser's back
// button walks the pages. No router library: the History API and one event are all it needs.
const NAVIGATED = 'console:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const snapshot = () => location.pathname + location.search;

/** Goes to a console path; `replace` for redirects, so back does not return to the redirecting page. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

export interface Place {
  path: string;
  search: URLSearchParams;
}

/** The current path and query string; re-renders on navigation and on back/forward. */
export function usePlace(): Place {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, location.origin);
  return { path: url.pathname.replace(/\/+$/, '') || '/', search: url.searchParams };
}

/** `/desk/objections/:number` against `/desk/objections/GZYY-2026-000001` → `{ number: 'GZYY-…' }`. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

/** The query string with some parameters changed (undefined removes one): for paging and filters. */
export function withSearch(place: Place, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(place.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, v);
  }
  const q = next.toString();
  return q ? `${place.path}?${q}` : place.path;
}

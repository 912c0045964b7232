/** Who is signed in: the bearer token and the claims the console needs to pick a page. */
export interface Session {
  token: string;
  role: string;
  creditCode?: string;
  unitCode?: string;
  domains?: string[];
  /** OPERATOR: the channel its token issues at (SERVICE_WINDOW, SELF_SERVICE_TERMINAL). */
  channel?: string;
  operatorId?: string;
  partnerId?: string;
  label?: string;
}

// sessionStorage only: the token is gone when the tab closes, never written to disk by the console.
const KEY = 'credit-console-session';

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** A session from a token; the gateway verifies it on every call, the console only reads its claims. */
export function sessionFromToken(token: string, label?: string): Session {
  const c = claimsOf(token);
  if (typeof c.role !== 'string') throw new Error('令牌中没有角色（role）');
  return {
    token,
    role: c.role,
    creditCode: typeof c.creditCode === 'string' ? c.creditCode : undefined,
    unitCode: typeof c.unitCode === 'string' ? c.unitCode : undefined,
    domains: Array.isArray(c.domains) ? (c.domains as string[]) : undefined,
    channel: typeof c.channel === 'string' ? c.channel : undefined,
    operatorId: typeof c.operatorId === 'string' ? c.operatorId : undefined,
    partnerId: typeof c.partnerId === 'string' ? c.partnerId : undefined,
    label,
  };
}

export function currentSession(): Session | undefined {
  const text = sessionStorage.getItem(KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Session;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

/**
 * The identity-provider hook for production: the IdP (or the hosting portal) redirects to
 * `/#access_token=<jwt>` as an OAuth 2.0 fragment response; the console takes the token into the
 * session and removes it from the address bar.
 */
export function takeTokenFromFragment(): Session | undefined {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('access_token');
  if (!token) return undefined;
  history.replaceState(null, '', location.pathname);
  const s = sessionFromToken(token);
  saveSession(s);
  return s;
}

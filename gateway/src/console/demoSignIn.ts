import type { IncomingMessage } from 'node:http';
import {
  DEMO_SUBJECTS,
  demoSourceUnits,
  ErrorCode,
  principalFromClaims,
  requestError,
  signEmbeddedToken,
  type AuthConfig,
  type RouteHandler,
  type TokenClaims,
} from '@credit/shared';

/** What the console's sign-in page offers: one identity per role, and a few more subjects and units. */
export function demoIdentities(): { label: string; claims: TokenClaims }[] {
  const units = new Map(demoSourceUnits().map((u) => [u.code, u]));
  const unit = (code: string) => ({
    label: `${units.get(code)?.name ?? code}（${code}）`,
    claims: { role: 'SOURCE_UNIT', unitCode: code, domains: units.get(code)?.domainCodes ?? [] } as TokenClaims,
  });
  return [
    ...Object.values(DEMO_SUBJECTS).map((s) => ({
      label: `${s.name}（${s.creditCode}）`,
      claims: { role: 'SUBJECT', creditCode: s.creditCode } as TokenClaims,
    })),
    unit('GZ-D07'),
    unit('GZ-D14'),
    unit('GZ-520100-D07'),
    { label: '省信用主管部门', claims: { role: 'LEAD_DEPARTMENT' } },
    { label: '统计分析人员', claims: { role: 'ANALYST' } },
    {
      label: '政务服务窗口（贵阳）',
      claims: { role: 'OPERATOR', operatorId: 'window-520100-01', channel: 'SERVICE_WINDOW' },
    },
    {
      // The terminal's own token: it issues for whoever's code is entered after its card reader checked them.
      label: '一体化智能自助终端（贵阳）',
      claims: { role: 'OPERATOR', operatorId: 'kiosk-520100-01', channel: 'SELF_SERVICE_TERMINAL' },
    },
    { label: '报告使用方（四川）', claims: { role: 'PARTNER', partnerId: 'sc-credit', province: '510000' } },
  ];
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// Demo sessions end with the working day; the console keeps the token in sessionStorage only.
const DEMO_TOKEN_LIFETIME = '8h';

/**
 * Demo sign-in for the console: mints an embedded (HS256) token for a chosen role and identity, as
 * `pnpm -s token` does. The gateway registers these routes only outside production and only when it
 * holds the embedded secret; in production the console takes the identity provider's token instead.
 */
export function demoSignInRoutes(auth: AuthConfig): {
  get: Record<string, RouteHandler>;
  post: Record<string, RouteHandler>;
} {
  const identities: RouteHandler = (_req, res) => {
    const body = JSON.stringify({ identities: demoIdentities() });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };
  const signIn: RouteHandler = async (req, res, info) => {
    // A JSON body can only come cross-origin after a CORS preflight, which the gateway answers only for CORS_ORIGINS.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return requestError(
        res,
        415,
        ErrorCode.BAD_USER_INPUT,
        'send the claims as application/json',
        info.requestId,
        {},
        {
          field: 'content-type',
        },
      );
    }
    let claims: Record<string, unknown>;
    try {
      claims = (await readJson(req, 4096)) as Record<string, unknown>;
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('not an object');
    } catch {
      return requestError(
        res,
        400,
        ErrorCode.BAD_USER_INPUT,
        'the body is not a JSON object of claims',
        info.requestId,
        {},
        {
          field: 'body',
        },
      );
    }
    if (claims.role === 'SERVICE') {
      return requestError(
        res,
        400,
        ErrorCode.BAD_USER_INPUT,
        'SERVICE tokens are not for people',
        info.requestId,
        {},
        {
          field: 'role',
        },
      );
    }
    if (claims.role === 'SOURCE_UNIT' && claims.domains === undefined && typeof claims.unitCode === 'string') {
      // The register decides a unit's domains; the token's list only narrows the console's view.
      claims.domains = demoSourceUnits().find((u) => u.code === claims.unitCode)?.domainCodes ?? [];
    }
    const { principal, problem } = principalFromClaims({ sub: 'demo', ...claims });
    if (!principal) {
      return requestError(
        res,
        400,
        ErrorCode.BAD_USER_INPUT,
        `claims do not fit the role: ${problem}`,
        info.requestId,
        {},
        {
          field: problem?.split(':')[0] ?? 'role',
        },
      );
    }
    const { sub: _sub, ...rest } = principal as Record<string, unknown>;
    const token = await signEmbeddedToken(rest as TokenClaims, auth, DEMO_TOKEN_LIFETIME);
    const body = JSON.stringify({ token, principal: { ...rest } });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };
  return { get: { '/demo/identities': identities }, post: { '/demo/sign-in': signIn } };
}

import { principalFromClaims, type TokenClaims } from '@credit/shared';

export const TOKEN_USAGE = `usage: pnpm -s token --role ROLE [--credit-code C] [--unit-code U --domains D07,D14]
                      [--partner-id P --province 520000 [--scopes national-feed]] [--operator-id O] [--service S] [--expires 12h]
                      [--private-key key.pem]`;

/** `--credit-code X` -> `{ creditCode: X }`; every flag needs a value. */
export function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const key = a.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${a.slice(2)} needs a value`);
    out[key] = value;
    i++;
  }
  return out;
}

/** The claims `pnpm -s token` signs, checked against the role's required claims. */
export function claimsFromFlags(flags: Record<string, string>): { claims: TokenClaims; expires: string } {
  const { expires = '12h', role, domains, scopes, ...rest } = flags;
  if (!role) throw new Error('--role is required');
  const claims: Record<string, unknown> = { ...rest, role: role.toUpperCase() };
  if (domains)
    claims.domains = domains
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
  else if (claims.role === 'SOURCE_UNIT' && typeof rest.unitCode === 'string') {
    // Demo unit codes end in their domain (GZ-D07, GZ-520100-D07).
    claims.domains = [rest.unitCode.split('-').at(-1)];
  }
  if (scopes)
    claims.scopes = scopes
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const { problem } = principalFromClaims({ sub: 'check', ...claims });
  if (problem) throw new Error(`claims do not fit role ${String(claims.role)}: ${problem}`);
  return { claims: claims as TokenClaims, expires };
}

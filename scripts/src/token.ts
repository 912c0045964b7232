import { authConfigFromEnv, parseEnv, principalFromClaims, ROLES, signEmbeddedToken, type TokenClaims } from '@credit/shared';

const USAGE = `usage: pnpm -s token --role ROLE [--credit-code C] [--unit-code U --domains D07,D14]
                      [--partner-id P --province 520000] [--operator-id O] [--service S] [--expires 12h]
roles: ${ROLES.join(', ')}`;

function args(argv: string[]): Record<string, string> {
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

/** Mints an embedded-mode token; the token alone is printed on the last line. */
async function main() {
  const a = args(process.argv.slice(2));
  if (!a.role) throw new Error('--role is required');
  const claims: Record<string, unknown> = { ...a, role: a.role.toUpperCase(), sub: a.sub ?? undefined };
  delete claims.expires;
  if (a.domains) claims.domains = a.domains.split(',').map((d) => d.trim());
  if (claims.role === 'SOURCE_UNIT' && !a.domains && a.unitCode) {
    // Demo unit codes end in their domain (GZ-D07, GZ-520100-D07).
    claims.domains = [a.unitCode.split('-').at(-1)];
  }
  const { problem } = principalFromClaims({ sub: 'x', ...claims });
  if (problem) throw new Error(`claims do not fit role ${String(claims.role)}: ${problem}`);
  const auth = authConfigFromEnv(parseEnv({}, process.env));
  if (!auth.secret) throw new Error('a public key is configured: tokens come from the identity provider, not from this command');
  const token = await signEmbeddedToken(claims as TokenClaims, auth, a.expires ?? '12h');
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exit(2);
});

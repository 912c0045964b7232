import { authConfigFromEnv, parseEnv, ROLES, signEmbeddedToken } from '@credit/shared';
import { claimsFromFlags, parseFlags, TOKEN_USAGE } from './tokenClaims';

/** Mints an embedded-mode token; the token alone is printed on the last line. */
async function main() {
  const { claims, expires } = claimsFromFlags(parseFlags(process.argv.slice(2)));
  const auth = authConfigFromEnv(parseEnv({}, process.env));
  if (!auth.secret)
    throw new Error('a public key is configured: tokens come from the identity provider, not from this command');
  process.stdout.write(`${await signEmbeddedToken(claims, auth, expires)}\n`);
}

main().catch((err) => {
  process.stderr.write(
    `${err instanceof Error ? err.message : String(err)}\n${TOKEN_USAGE}\nroles: ${ROLES.join(', ')}\n`,
  );
  process.exit(2);
});

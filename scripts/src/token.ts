import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { authConfigFromEnv, parseEnv, ROLES, signEmbeddedToken, signWithPrivateKey } from '@credit/shared';
import { claimsFromFlags, parseFlags, TOKEN_USAGE } from './tokenClaims';

/**
 * Mints a token; the token alone is printed on the last line. Embedded mode: HS256 with the shared
 * secret. `--private-key file.pem` signs as an identity provider would (the compose stack's SERVICE_TOKEN).
 */
async function main() {
  const { privateKey, ...flags } = parseFlags(process.argv.slice(2));
  const { claims, expires } = claimsFromFlags(flags);
  const auth = authConfigFromEnv(parseEnv({}, process.env));
  if (privateKey) {
    const key = createPrivateKey(readFileSync(privateKey));
    process.stdout.write(`${await signWithPrivateKey(claims, auth, key, expires)}\n`);
    return;
  }
  if (!auth.secret)
    throw new Error('a public key is configured: tokens come from the identity provider (or --private-key)');
  process.stdout.write(`${await signEmbeddedToken(claims, auth, expires)}\n`);
}

main().catch((err) => {
  process.stderr.write(
    `${err instanceof Error ? err.message : String(err)}\n${TOKEN_USAGE}\nroles: ${ROLES.join(', ')}\n`,
  );
  process.exit(2);
});

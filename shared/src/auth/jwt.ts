import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { EMBEDDED_JWT_SECRET, type CommonEnv } from '../config/env';
import { unauthenticated } from '../errors/errors';
import { principalFromClaims, type Principal } from './principal';

export interface AuthConfig {
  issuer: string;
  audience: string;
  secret?: string;
  publicKeyFile?: string;
  jwksFile?: string;
  /** Pre-issued SERVICE token used by service clients when no secret can mint one. */
  serviceToken?: string;
}

export const authConfigFromEnv = (env: CommonEnv): AuthConfig => ({
  issuer: env.JWT_ISSUER,
  audience: env.JWT_AUDIENCE,
  secret: env.JWT_PUBLIC_KEY_FILE || env.JWT_JWKS_FILE ? undefined : (env.JWT_SECRET ?? EMBEDDED_JWT_SECRET),
  publicKeyFile: env.JWT_PUBLIC_KEY_FILE,
  jwksFile: env.JWT_JWKS_FILE,
  serviceToken: env.SERVICE_TOKEN,
});

export type TokenVerifier = (token: string) => Promise<Principal>;

/** How many verified tokens a verifier remembers (a token is a few hundred bytes). */
const VERIFIED_TOKENS = 10_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Verifies a bearer token against exactly one key source and a fixed algorithm list, so that
 * `alg: none` and algorithm-confusion tokens (HS256 signed with a public key) are refused.
 *
 * A token that verified is remembered until its `exp`: the same token on the next request costs a
 * map lookup instead of an HMAC or signature check and a claims parse. The keys come from
 * configuration fixed for the process's life, so a verdict cannot change before `exp`; after it,
 * the token is verified again and refused as expired. Refusals are not remembered.
 */
export function createTokenVerifier(cfg: AuthConfig): TokenVerifier {
  let key: Uint8Array | KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  if (cfg.jwksFile) {
    key = createLocalJWKSet(JSON.parse(readFileSync(cfg.jwksFile, 'utf8')));
    algorithms = ['EdDSA', 'RS256', 'ES256'];
  } else if (cfg.publicKeyFile) {
    const publicKey = createPublicKey(readFileSync(cfg.publicKeyFile));
    key = publicKey;
    algorithms = publicKey.asymmetricKeyType === 'ed25519' ? ['EdDSA'] : ['RS256'];
  } else if (cfg.secret) {
    key = new TextEncoder().encode(cfg.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('no JWT key configured');
  }
  const verified = new LRUCache<string, { principal: Principal; expiresAtMs: number }>({ max: VERIFIED_TOKENS });
  return async (token) => {
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.principal;
      verified.delete(token);
    }
    let payload: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, key as Uint8Array, {
        issuer: cfg.issuer,
        audience: cfg.audience,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      payload = verified.payload as Record<string, unknown>;
    } catch (err) {
      throw unauthenticated(`invalid token: ${describeJoseError(err)}`);
    }
    const { principal, problem } = principalFromClaims(payload);
    if (!principal) throw unauthenticated(`invalid token claims: ${problem}`);
    // Every request that presents this token gets this object: frozen, so none can alter another's.
    verified.set(token, { principal: deepFreeze(principal), expiresAtMs: (payload.exp as number) * 1000 });
    return principal;
  };
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason}`;
  if (err instanceof joseErrors.JOSEError) return err.code.replace(/^ERR_/, '').toLowerCase();
  return 'malformed';
}

/** A principal's claims without `sub` (defaulted from the role's id claim). Distributes over roles. */
export type TokenClaims = Principal extends infer P
  ? P extends Principal
    ? Omit<P, 'sub'> & { sub?: string }
    : never
  : never;

/** Mints an HS256 token for the embedded mode and tests (production tokens come from the IdP). */
export async function signEmbeddedToken(
  claims: TokenClaims,
  cfg: Pick<AuthConfig, 'issuer' | 'audience'> & { secret?: string },
  expiresIn: string | number = '12h',
): Promise<string> {
  const { sub, ...rest } = claims as TokenClaims & Record<string, unknown>;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(cfg.issuer)
    .setAudience(cfg.audience)
    .setSubject(sub ?? defaultSubjectId(claims))
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(cfg.secret ?? EMBEDDED_JWT_SECRET));
}

/**
 * Signs with an Ed25519 or RSA private key, as the identity provider would: production SERVICE
 * tokens for the compose stack and the production-mode tests.
 */
export async function signWithPrivateKey(
  claims: TokenClaims,
  cfg: Pick<AuthConfig, 'issuer' | 'audience'>,
  privateKey: KeyObject,
  expiresIn: string | number = '12h',
): Promise<string> {
  const { sub, ...rest } = claims as TokenClaims & Record<string, unknown>;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: privateKey.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'RS256', typ: 'JWT' })
    .setIssuer(cfg.issuer)
    .setAudience(cfg.audience)
    .setSubject(sub ?? defaultSubjectId(claims))
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}

function defaultSubjectId(c: TokenClaims): string {
  const record = c as unknown as Record<string, string | undefined>;
  return (
    record.creditCode ??
    record.unitCode ??
    record.partnerId ??
    record.operatorId ??
    record.service ??
    `${c.role.toLowerCase()}-demo`
  );
}

/** `Authorization: Bearer x` -> `x`; anything else that is present is a malformed header. */
export function bearerToken(header: string | undefined): string | undefined | null {
  if (header === undefined || header === '') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

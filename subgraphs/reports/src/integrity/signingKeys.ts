import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A public JWK as published at /.well-known/credit-report-keys. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
  province?: string;
}

/** The signing key file: Ed25519 JWKs (with `d` for keys that may still sign), the active kid, the code secret. */
export interface SigningKeyFile {
  activeKid?: string;
  /** base64url, 32 bytes: derives each report's verification code (HMAC), so it is never stored. */
  codeSecret: string;
  keys: (JsonWebKey & { kid: string })[];
}

export interface VerifyingKey {
  kid: string;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

export interface Keyring {
  activeKid: string;
  activePrivateKey: KeyObject;
  codeSecret: Buffer;
  /** Every key that ever signed a report still verifies it (rotation keeps old reports valid). */
  verifying: Map<string, VerifyingKey>;
  jwks(): { keys: PublicJwk[] };
}

export const EMBEDDED_KEY_FILE = 'reports-signing-keys.json';

function publicJwkOf(publicKey: KeyObject, kid: string, province?: string): PublicJwk {
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA', ...(province ? { province } : {}) };
}

/** A fresh Ed25519 key as a private JWK with a kid (rotation: append it and make it active). */
export function generateSigningJwk(kid: string): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid };
}

export function generateKeyFile(kid: string): SigningKeyFile {
  return { activeKid: kid, codeSecret: randomBytes(32).toString('base64url'), keys: [generateSigningJwk(kid)] };
}

export function keyringFrom(file: SigningKeyFile, province?: string): Keyring {
  const problems: string[] = [];
  const verifying = new Map<string, VerifyingKey>();
  const privates = new Map<string, KeyObject>();
  for (const [i, jwk] of (file.keys ?? []).entries()) {
    if (!jwk.kid || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) {
      problems.push(`keys[${i}] must be an Ed25519 JWK (kty OKP, crv Ed25519) with x and kid`);
      continue;
    }
    if (verifying.has(jwk.kid)) problems.push(`keys[${i}]: duplicate kid ${jwk.kid}`);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    verifying.set(jwk.kid, { kid: jwk.kid, publicKey, jwk: publicJwkOf(publicKey, jwk.kid, province) });
    if (jwk.d) privates.set(jwk.kid, createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }));
  }
  const activeKid = file.activeKid ?? [...privates.keys()].at(-1);
  if (!activeKid || !privates.has(activeKid))
    problems.push(`no private key for the active kid ${activeKid ?? '(none)'}`);
  const codeSecret = Buffer.from(file.codeSecret ?? '', 'base64url');
  if (codeSecret.length < 32) problems.push('codeSecret must be at least 32 bytes, base64url');
  if (problems.length) throw new Error(`signing keys: ${problems.join('; ')}`);
  return {
    activeKid: activeKid!,
    activePrivateKey: privates.get(activeKid!)!,
    codeSecret,
    verifying,
    jwks: () => ({ keys: [...verifying.values()].map((k) => k.jwk) }),
  };
}

/**
 * The configured key file, or in the embedded mode a key generated on first start and kept in
 * DATA_DIR so that a restart still verifies the reports it signed.
 */
export function loadKeyring(opts: { file?: string; dataDir: string; province: string }): Keyring {
  if (opts.file) return keyringFrom(JSON.parse(readFileSync(opts.file, 'utf8')) as SigningKeyFile, opts.province);
  const path = join(resolve(opts.dataDir), EMBEDDED_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(resolve(opts.dataDir), { recursive: true });
    const kid = `${opts.province}-embedded-${new Date().toISOString().slice(0, 10)}`;
    // wx: two processes starting together must not overwrite each other's key.
    try {
      writeFileSync(path, JSON.stringify(generateKeyFile(kid), null, 2), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return keyringFrom(JSON.parse(readFileSync(path, 'utf8')) as SigningKeyFile, opts.province);
}

export interface TrustedKey {
  kid: string;
  province: string | null;
  publicKey: KeyObject;
}

/** Other provinces' public keys (JWKS); each may name its `province`. */
export function loadTrustedKeys(file: string | undefined): Map<string, TrustedKey> {
  const out = new Map<string, TrustedKey>();
  if (!file) return out;
  const jwks = JSON.parse(readFileSync(file, 'utf8')) as {
    keys?: (JsonWebKey & { kid?: string; province?: string })[];
  };
  for (const [i, k] of (jwks.keys ?? []).entries()) {
    if (!k.kid || k.kty !== 'OKP' || k.crv !== 'Ed25519' || !k.x)
      throw new Error(`trusted partner keys: keys[${i}] must be an Ed25519 JWK with kid`);
    out.set(k.kid, {
      kid: k.kid,
      province: k.province ?? null,
      publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' }),
    });
  }
  return out;
}

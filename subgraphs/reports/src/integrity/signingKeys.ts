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
import {
  generateSm2,
  sm2HexFromJwk,
  sm2JwkXY,
  sm2PublicHexOf,
  sm2PublicKey,
  sm2PublicPem,
  type Sm2PublicKey,
} from './sm2';

/** An Ed25519 public JWK as published at /.well-known/credit-report-keys. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
  province?: string;
}

/**
 * An SM2 public key as published: a JWK in the form of RFC 7518's EC keys with the curve named SM2
 * (x, y: base64url of the 32-byte coordinates) and, for tools that read no JWK, the same key as a PEM
 * SubjectPublicKeyInfo. `alg` names the scheme: SM2 signature over SM3 with the default user id.
 */
export interface Sm2PublicJwk {
  kty: 'EC';
  crv: 'SM2';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'SM2SM3';
  pem: string;
  province?: string;
}

export type PublicJwk = Ed25519PublicJwk | Sm2PublicJwk;

export const SigningAlgorithm = { Ed25519: 'Ed25519', SM2: 'SM2' } as const;
export type SigningAlgorithm = (typeof SigningAlgorithm)[keyof typeof SigningAlgorithm];

/**
 * The signing key file: Ed25519 JWKs (kty OKP) and SM2 JWKs (kty EC, crv SM2), each with `d` while it
 * may still sign; the active kid of each algorithm; the code secret.
 */
export interface SigningKeyFile {
  /** The active Ed25519 kid (the name predates SM2; kept so existing key files still load). */
  activeKid?: string;
  activeSm2Kid?: string;
  /** base64url, 32 bytes: derives each report's verification code (HMAC), so it is never stored. */
  codeSecret: string;
  keys: (JsonWebKey & { kid: string })[];
}

export type VerifyingKey =
  | { algorithm: 'Ed25519'; kid: string; publicKey: KeyObject; jwk: Ed25519PublicJwk }
  | { algorithm: 'SM2'; kid: string; publicKey: Sm2PublicKey; jwk: Sm2PublicJwk };

export interface Keyring {
  activeKid: string;
  activePrivateKey: KeyObject;
  /** The active SM2 key: every new report carries its signature beside the Ed25519 one. */
  activeSm2: { kid: string; privateHex: string; publicHex: string };
  codeSecret: Buffer;
  /** Every key that ever signed a report still verifies it (rotation keeps old reports valid). */
  verifying: Map<string, VerifyingKey>;
  jwks(): { keys: PublicJwk[] };
}

export const EMBEDDED_KEY_FILE = 'reports-signing-keys.json';

function publicJwkOf(publicKey: KeyObject, kid: string, province?: string): Ed25519PublicJwk {
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA', ...(province ? { province } : {}) };
}

function sm2PublicJwkOf(publicHex: string, kid: string, province?: string): Sm2PublicJwk {
  return {
    kty: 'EC',
    crv: 'SM2',
    ...sm2JwkXY(publicHex),
    kid,
    use: 'sig',
    alg: 'SM2SM3',
    pem: sm2PublicPem(publicHex),
    ...(province ? { province } : {}),
  };
}

/** A fresh Ed25519 key as a private JWK with a kid (rotation: append it and make it active). */
export function generateSigningJwk(kid: string): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid };
}

/** A fresh SM2 key as a private JWK (kty EC, crv SM2; d base64url of the 32-byte scalar). */
export function generateSm2Jwk(kid: string): JsonWebKey & { kid: string } {
  const { privateHex, publicHex } = generateSm2();
  return {
    kty: 'EC',
    crv: 'SM2',
    ...sm2JwkXY(publicHex),
    d: Buffer.from(privateHex, 'hex').toString('base64url'),
    kid,
  };
}

/** The SM2 kid that goes with an Ed25519 kid when both are made together. */
export const sm2KidFor = (kid: string): string => `${kid}-sm2`;

export function generateKeyFile(kid: string): SigningKeyFile {
  return {
    activeKid: kid,
    activeSm2Kid: sm2KidFor(kid),
    codeSecret: randomBytes(32).toString('base64url'),
    keys: [generateSigningJwk(kid), generateSm2Jwk(sm2KidFor(kid))],
  };
}

/** The file with its keys' private parts removed (what rotation keeps of the keys it retires). */
export function retiredKeys(file: SigningKeyFile, algorithm?: SigningAlgorithm): SigningKeyFile['keys'] {
  return file.keys.map((k) => {
    const alg = k.kty === 'EC' ? 'SM2' : 'Ed25519';
    if (algorithm && alg !== algorithm) return k;
    const { d: _d, ...publicPart } = k;
    return publicPart;
  });
}

export function keyringFrom(file: SigningKeyFile, province?: string): Keyring {
  const problems: string[] = [];
  const verifying = new Map<string, VerifyingKey>();
  const privates = new Map<string, KeyObject>();
  const sm2Privates = new Map<string, { privateHex: string; publicHex: string }>();
  for (const [i, jwk] of (file.keys ?? []).entries()) {
    if (jwk.kid && verifying.has(jwk.kid)) {
      problems.push(`keys[${i}]: duplicate kid ${jwk.kid}`);
      continue;
    }
    if (jwk.kid && jwk.kty === 'EC' && jwk.crv === 'SM2') {
      try {
        const publicHex = sm2HexFromJwk(jwk);
        verifying.set(jwk.kid, {
          algorithm: 'SM2',
          kid: jwk.kid,
          publicKey: sm2PublicKey(publicHex),
          jwk: sm2PublicJwkOf(publicHex, jwk.kid, province),
        });
        if (jwk.d) {
          const privateHex = Buffer.from(jwk.d, 'base64url').toString('hex');
          if (sm2PublicHexOf(privateHex) !== publicHex) problems.push(`keys[${i}]: d does not belong to x, y`);
          else sm2Privates.set(jwk.kid, { privateHex, publicHex });
        }
      } catch (err) {
        problems.push(`keys[${i}]: ${(err as Error).message}`);
      }
      continue;
    }
    if (!jwk.kid || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) {
      problems.push(
        `keys[${i}] must be an Ed25519 JWK (kty OKP, crv Ed25519) or an SM2 JWK (kty EC, crv SM2) with kid`,
      );
      continue;
    }
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    verifying.set(jwk.kid, {
      algorithm: 'Ed25519',
      kid: jwk.kid,
      publicKey,
      jwk: publicJwkOf(publicKey, jwk.kid, province),
    });
    if (jwk.d) privates.set(jwk.kid, createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }));
  }
  const activeKid = file.activeKid ?? [...privates.keys()].at(-1);
  if (!activeKid || !privates.has(activeKid))
    problems.push(`no private Ed25519 key for the active kid ${activeKid ?? '(none)'}`);
  const activeSm2Kid = file.activeSm2Kid ?? [...sm2Privates.keys()].at(-1);
  if (!activeSm2Kid || !sm2Privates.has(activeSm2Kid))
    problems.push(
      `no private SM2 key for the active SM2 kid ${activeSm2Kid ?? '(none)'} (add one: keysCli.js rotate <file> <kid> --alg SM2)`,
    );
  const codeSecret = Buffer.from(file.codeSecret ?? '', 'base64url');
  if (codeSecret.length < 32) problems.push('codeSecret must be at least 32 bytes, base64url');
  if (problems.length) throw new Error(`signing keys: ${problems.join('; ')}`);
  return {
    activeKid: activeKid!,
    activePrivateKey: privates.get(activeKid!)!,
    activeSm2: { kid: activeSm2Kid!, ...sm2Privates.get(activeSm2Kid!)! },
    codeSecret,
    verifying,
    jwks: () => ({ keys: [...verifying.values()].map((k) => k.jwk) }),
  };
}

/**
 * The verifying keys of a published key set (/.well-known/credit-report-keys): what a report user's
 * verifier holds. Keys of other kinds are skipped, so a set that grows new kinds stays readable.
 */
export function verifyingKeysFrom(jwks: { keys?: (JsonWebKey & { kid?: string })[] }): Map<string, VerifyingKey> {
  const out = new Map<string, VerifyingKey>();
  for (const jwk of jwks.keys ?? []) {
    if (!jwk.kid) continue;
    if (jwk.kty === 'EC' && jwk.crv === 'SM2') {
      const publicHex = sm2HexFromJwk(jwk);
      const key = { algorithm: 'SM2', kid: jwk.kid, publicKey: sm2PublicKey(publicHex) } as const;
      out.set(jwk.kid, { ...key, jwk: sm2PublicJwkOf(publicHex, jwk.kid) });
    } else if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) {
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
      out.set(jwk.kid, { algorithm: 'Ed25519', kid: jwk.kid, publicKey, jwk: publicJwkOf(publicKey, jwk.kid) });
    }
  }
  return out;
}

/**
 * Rotation: the active key of each algorithm rotated (both unless one is named) is retired to its
 * public part, which stays so reports it signed keep verifying, and a fresh key signs from now on.
 * Both at once: Ed25519 <newKid> and SM2 <newKid>-sm2; one algorithm: <newKid> is that key's kid.
 */
export function rotateKeyFile(file: SigningKeyFile, newKid: string, only?: SigningAlgorithm): SigningKeyFile {
  const rotateEd = only !== 'SM2';
  const rotateSm2 = only !== 'Ed25519';
  const sm2Kid = only === 'SM2' ? newKid : sm2KidFor(newKid);
  const taken = new Set(file.keys.map((k) => k.kid));
  for (const kid of [rotateEd ? newKid : null, rotateSm2 ? sm2Kid : null])
    if (kid && taken.has(kid)) throw new Error(`kid ${kid} is already in the key file`);
  return {
    activeKid: rotateEd ? newKid : file.activeKid,
    activeSm2Kid: rotateSm2 ? sm2Kid : file.activeSm2Kid,
    codeSecret: file.codeSecret,
    keys: [
      ...retiredKeys(file, only),
      ...(rotateEd ? [generateSigningJwk(newKid)] : []),
      ...(rotateSm2 ? [generateSm2Jwk(sm2Kid)] : []),
    ],
  };
}

/** Adds a fresh SM2 key to a key file that has none yet (files made before SM2 signing). */
export function withSm2Key(file: SigningKeyFile, kid: string): SigningKeyFile {
  return { ...file, activeSm2Kid: kid, keys: [...file.keys, generateSm2Jwk(kid)] };
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
  const embedded = JSON.parse(readFileSync(path, 'utf8')) as SigningKeyFile;
  if (!embedded.keys.some((k) => k.kty === 'EC' && k.d)) {
    // A key made before SM2 signing: its Ed25519 key stays; an SM2 key joins it.
    const upgraded = withSm2Key(embedded, sm2KidFor(embedded.activeKid ?? 'embedded'));
    writeFileSync(path, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return keyringFrom(upgraded, opts.province);
  }
  return keyringFrom(embedded, opts.province);
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
    // A partner's published set now holds its SM2 keys too; recognition checks the Ed25519 signature.
    if (k.kty === 'EC' && k.crv === 'SM2') continue;
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

import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 signatures as GB/T 38540 seals and 密评 expect: SM3 digest of Z_A || message (GM/T 0003.2), Z_A
 * with the GM/T 0009 default user id, the signature DER-encoded (GM/T 0009 SM2Signature ::= SEQUENCE
 * { R INTEGER, S INTEGER }) and carried base64url. sm-crypto-v2 was chosen over sm-crypto: both pass
 * the GM/T vectors (test/sm2.test.ts), v2 signs about 14 times faster here (issuance signs every report).
 * The digest e = SM3(Z_A || M) is taken with OpenSSL's SM3 and Z_A once per key: sm-crypto's JavaScript
 * SM3 over a whole report (via a hex string) was two thirds of a signature's cost.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** SubjectPublicKeyInfo header for id-ecPublicKey with the SM2 curve (OID 1.2.156.10197.1.301). */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export interface Sm2PublicKey {
  /** Uncompressed point, hex: 04 || x || y. */
  hex: string;
  /** Precomputed multiples for fast verification (the key verifies many reports). */
  point: ReturnType<typeof sm2.precomputePublicKey>;
}

export function sm2PublicKey(hex: string): Sm2PublicKey {
  if (!/^04[0-9a-f]{128}$/i.test(hex) || !sm2.verifyPublicKey(hex.toLowerCase()))
    throw new Error('not an SM2 public key on the curve');
  return { hex: hex.toLowerCase(), point: sm2.precomputePublicKey(hex.toLowerCase()) };
}

export const sm2PublicHexOf = (privateHex: string): string => sm2.getPublicKeyFromPrivateKey(privateHex);

export function generateSm2(): { privateHex: string; publicHex: string } {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateHex: privateKey, publicHex: publicKey };
}

/** a, b, x_G, y_G of the recommended curve (GB/T 32918.5), as Z_A hashes them. */
const CURVE_PARAMETERS = Buffer.from(
  'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc' +
    '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93' +
    '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7' +
    'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0',
  'hex',
);
const USER_ID_BYTES = Buffer.from(SM2_DEFAULT_USER_ID, 'utf8');
const ENTL = Buffer.from([(USER_ID_BYTES.length * 8) >> 8, (USER_ID_BYTES.length * 8) & 0xff]);

/** Z_A per public key; a keyring holds a handful, so the bound only guards against a caller's churn. */
const userHashes = new Map<string, Buffer>();

/** Z_A = SM3(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A), GB/T 32918.2 §5.5. */
function userHash(publicHex: string): Buffer {
  let z = userHashes.get(publicHex);
  if (!z) {
    const point = Buffer.from(publicHex.slice(2), 'hex');
    z = createHash('sm3').update(ENTL).update(USER_ID_BYTES).update(CURVE_PARAMETERS).update(point).digest();
    if (userHashes.size >= 64) userHashes.clear();
    userHashes.set(publicHex, z);
  }
  return z;
}

/** e = SM3(Z_A || M) over the UTF-8 text, which the signature then signs as given (hash: false). */
const messageDigest = (text: string, publicHex: string): Buffer =>
  createHash('sm3').update(userHash(publicHex)).update(text, 'utf8').digest();

export function sm2Sign(text: string, privateHex: string, publicHex: string): string {
  const der = sm2.doSignature(messageDigest(text, publicHex.toLowerCase()), privateHex, { hash: false, der: true });
  return Buffer.from(der, 'hex').toString('base64url');
}

export function sm2Verify(text: string, signature: string, key: Sm2PublicKey | string): boolean {
  try {
    const der = Buffer.from(signature, 'base64url').toString('hex');
    if (!der.startsWith('30')) return false;
    const hex = (typeof key === 'string' ? key : key.hex).toLowerCase();
    return sm2.doVerifySignature(messageDigest(text, hex), der, typeof key === 'string' ? hex : key.point, {
      hash: false,
      der: true,
    });
  } catch {
    return false;
  }
}

/** JWK members for an SM2 point (kty EC, crv SM2, x/y base64url of 32 bytes each). */
export function sm2JwkXY(publicHex: string): { x: string; y: string } {
  return {
    x: Buffer.from(publicHex.slice(2, 66), 'hex').toString('base64url'),
    y: Buffer.from(publicHex.slice(66, 130), 'hex').toString('base64url'),
  };
}

export function sm2HexFromJwk(jwk: { x?: string; y?: string }): string {
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  if (x.length !== 32 || y.length !== 32) throw new Error('SM2 JWK x and y must be 32 bytes each, base64url');
  return `04${x.toString('hex')}${y.toString('hex')}`;
}

/** The public key as PEM SubjectPublicKeyInfo, which OpenSSL, BouncyCastle and GmSSL read. */
export function sm2PublicPem(publicHex: string): string {
  const der = Buffer.concat([SPKI_PREFIX, Buffer.from(publicHex, 'hex')]).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../src/integrity/canonical';
import { sha256Hex, signText, verifyText } from '../src/integrity/signature';
import { generateKeyFile, generateSigningJwk, keyringFrom, retiredKeys } from '../src/integrity/signingKeys';

describe('Ed25519 signature of the canonical snapshot', () => {
  const file = generateKeyFile('520000-test-1');
  const ring = keyringFrom(file, '520000');
  const text = canonicalJson({
    number: 'GZ2026112600000001X',
    subject: { name: '贵阳云岭建材有限公司' },
    domains: [{ code: 'D07', outcome: 'NO_RECORD' }],
  });

  it('verifies the text it signed and nothing else', () => {
    const sig = signText(text, ring.activePrivateKey);
    const key = ring.verifying.get('520000-test-1')!.publicKey as KeyObject;
    expect(verifyText(text, sig, key)).toBe(true);
    expect(verifyText(text.replace('NO_RECORD', 'HAS_RECORD'), sig, key)).toBe(false);
    const flipped = Buffer.from(sig, 'base64url');
    flipped[0] ^= 1;
    expect(verifyText(text, flipped.toString('base64url'), key)).toBe(false);
    expect(verifyText(text, 'not-a-signature', key)).toBe(false);
    expect(sha256Hex(text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes only public keys, old ones included after a rotation', () => {
    const next = generateSigningJwk('520000-test-2');
    const rotated = keyringFrom(
      { activeKid: next.kid, codeSecret: file.codeSecret, keys: [...retiredKeys(file, 'Ed25519'), next] },
      '520000',
    );
    expect(rotated.activeKid).toBe('520000-test-2');
    const jwks = rotated.jwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual(['520000-test-1', '520000-test-1-sm2', '520000-test-2']);
    expect(jwks.keys.every((k) => !('d' in k) && k.province === '520000')).toBe(true);
    expect(jwks.keys.map((k) => k.alg)).toEqual(['EdDSA', 'SM2SM3', 'EdDSA']);
    const oldSig = signText(text, ring.activePrivateKey);
    expect(verifyText(text, oldSig, rotated.verifying.get('520000-test-1')!.publicKey as KeyObject)).toBe(true);
  });

  it('rejects a key file without a private active key or with a short code secret', () => {
    const publicOnly = retiredKeys(file, 'Ed25519');
    expect(() => keyringFrom({ codeSecret: file.codeSecret, keys: publicOnly })).toThrow(/no private Ed25519 key/);
    // A key file from before SM2 signing is refused with the way to add an SM2 key.
    expect(() => keyringFrom({ ...file, activeSm2Kid: undefined, keys: [file.keys[0]] })).toThrow(
      /no private SM2 key .*--alg SM2/,
    );
    expect(() => keyringFrom({ ...file, codeSecret: 'c2hvcnQ' })).toThrow(/codeSecret/);
    expect(() => keyringFrom({ ...file, keys: [{ kty: 'RSA', kid: 'x' }] })).toThrow(/Ed25519/);
  });
});

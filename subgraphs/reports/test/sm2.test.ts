import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { canonicalJson } from '../src/integrity/canonical';
import { signReport, signaturesOf, verifySignature } from '../src/integrity/reportSignatures';
import { generateKeyFile, keyringFrom } from '../src/integrity/signingKeys';
import {
  SM2_DEFAULT_USER_ID,
  sm2HexFromJwk,
  sm2JwkXY,
  sm2PublicHexOf,
  sm2PublicKey,
  sm2PublicPem,
  sm2Sign,
  sm2Verify,
} from '../src/integrity/sm2';

// GB/T 32918.5-2017 (GM/T 0003.5-2012) annex example on the recommended curve: signer A, user id
// "1234567812345678" (the GM/T 0009 default), message "message digest", random k as given.
const VECTOR = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  x: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  y: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  message: 'message digest',
};

describe('SM3 (GB/T 32905-2016 / GM/T 0004-2012 examples)', () => {
  it.each([
    ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
    ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
  ])('%s', (input, digest) => {
    expect(createHash('sm3').update(input).digest('hex')).toBe(digest);
  });
});

describe('SM2 signature (GB/T 32918.5 / GM/T 0003.5 example)', () => {
  const publicHex = `04${VECTOR.x}${VECTOR.y}`;

  it('derives the example public key from the private key', () => {
    expect(sm2PublicHexOf(VECTOR.d)).toBe(publicHex);
  });

  it('signs the example message to the example (r, s) with the example k and the default user id', () => {
    const kG = sm2PublicHexOf(VECTOR.k);
    const sig = sm2.doSignature(VECTOR.message, VECTOR.d, {
      hash: true,
      publicKey: publicHex,
      userId: SM2_DEFAULT_USER_ID,
      pointPool: [{ k: BigInt(`0x${VECTOR.k}`), x1: BigInt(`0x${kG.slice(2, 66)}`) }],
    });
    expect(sig).toBe(VECTOR.r + VECTOR.s);
  });

  it("verifies the example signature through the platform's verifier (DER, base64url) and refuses a changed one", () => {
    const der = Buffer.from(derOf(VECTOR.r, VECTOR.s), 'hex').toString('base64url');
    expect(sm2Verify(VECTOR.message, der, sm2PublicKey(publicHex))).toBe(true);
    expect(sm2Verify('message digesT', der, sm2PublicKey(publicHex))).toBe(false);
    const flipped = Buffer.from(der, 'base64url');
    flipped[10] ^= 1;
    expect(sm2Verify(VECTOR.message, flipped.toString('base64url'), publicHex)).toBe(false);
    expect(sm2Verify(VECTOR.message, 'not-a-signature', publicHex)).toBe(false);
  });

  it("signs with the platform's signer (native SM3 digest) so that the library's own Z_A path verifies it", () => {
    const text = canonicalJson({ subject: '某某建设工程有限公司', records: ['行政处罚\r\n罚款 3.5 万元'.repeat(200)] });
    const der = Buffer.from(sm2Sign(text, VECTOR.d, publicHex), 'base64url').toString('hex');
    const library = (message: string) =>
      sm2.doVerifySignature(Buffer.from(message, 'utf8'), der, publicHex, {
        hash: true,
        der: true,
        userId: SM2_DEFAULT_USER_ID,
      });
    expect(library(text)).toBe(true);
    expect(library(`${text} `)).toBe(false);
  });

  it('round-trips a key through JWK (crv SM2) and PEM SubjectPublicKeyInfo with the SM2 curve OID', () => {
    expect(sm2HexFromJwk(sm2JwkXY(publicHex))).toBe(publicHex);
    const pem = sm2PublicPem(publicHex);
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(der.subarray(0, 27).toString('hex')).toBe('3059301306072a8648ce3d020106082a811ccf5501822d03420004');
    expect(der.subarray(27).toString('hex')).toBe(VECTOR.x + VECTOR.y);
  });
});

describe('a report signed with both algorithms', () => {
  const ring = keyringFrom(generateKeyFile('520000-test-1'), '520000');
  const text = canonicalJson({ number: 'GZ2026112600000001X', domains: [{ code: 'D07', outcome: 'NO_RECORD' }] });
  const keyOf = (kid: string) => ring.verifying.get(kid);

  it('carries an Ed25519 and an SM2 signature, each verifying with its published key', () => {
    const { ed25519, sm2: sm2Sig } = signReport(text, ring);
    expect([ed25519.kid, sm2Sig.kid]).toEqual(['520000-test-1', '520000-test-1-sm2']);
    const sigs = signaturesOf({
      signature: ed25519.signature,
      keyId: ed25519.kid,
      sm2Signature: sm2Sig.signature,
      sm2KeyId: sm2Sig.kid,
    });
    expect(sigs.map((s) => verifySignature(text, s, keyOf))).toEqual([
      { algorithm: 'Ed25519', kid: '520000-test-1', valid: true, problem: null },
      { algorithm: 'SM2', kid: '520000-test-1-sm2', valid: true, problem: null },
    ]);
    const tampered = text.replace('NO_RECORD', 'HAS_RECORDS');
    expect(sigs.map((s) => verifySignature(tampered, s, keyOf).valid)).toEqual([false, false]);
    // A signature presented under the other algorithm's key never verifies.
    expect(verifySignature(text, { ...sigs[1], kid: '520000-test-1' }, keyOf).problem).toMatch(/not an SM2 key/);
  });

  it('publishes the SM2 key as a JWK (kty EC, crv SM2) with its PEM, without the private part', () => {
    const sm2Jwk = ring.jwks().keys.find((k) => k.kty === 'EC')!;
    expect(sm2Jwk).toMatchObject({ crv: 'SM2', alg: 'SM2SM3', kid: '520000-test-1-sm2', use: 'sig' });
    expect(sm2Jwk).not.toHaveProperty('d');
    expect('pem' in sm2Jwk && sm2Jwk.pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const sig = sm2Sign(text, ring.activeSm2.privateHex, ring.activeSm2.publicHex);
    expect(sm2Verify(text, sig, sm2HexFromJwk(sm2Jwk))).toBe(true);
  });
});

/** DER SEQUENCE { INTEGER r, INTEGER s } of 32-byte r and s (a leading 00 when the top bit is set). */
function derOf(r: string, s: string): string {
  const int = (h: string) => {
    const v = parseInt(h.slice(0, 2), 16) >= 0x80 ? `00${h}` : h;
    return `02${(v.length / 2).toString(16).padStart(2, '0')}${v}`;
  };
  const body = int(r) + int(s);
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
}

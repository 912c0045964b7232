import { canonicalJson } from '../src/integrity/canonical';
import { checkIntegrity } from '../src/integrity/integrity';
import { sha256Hex, signText } from '../src/integrity/signature';
import { generateKeyFile, keyringFrom } from '../src/integrity/signingKeys';
import { VerifiedSignatures } from '../src/integrity/verifiedSignatures';

describe('checkIntegrity with remembered signatures', () => {
  const ring = keyringFrom(generateKeyFile('520000-test-1'), '520000');
  const report = (n: number) => {
    const number = `GZ2026112600000${String(n).padStart(3, '0')}X`;
    const text = canonicalJson({
      number,
      subject: { creditCode: '91520100210000754L', name: '贵阳云岭建材有限公司' },
      domains: [{ code: 'D07', outcome: 'NO_RECORD', records: [] }],
    });
    const row = {
      number,
      creditCode: '91520100210000754L',
      sha256: sha256Hex(text),
      signature: signText(text, ring.activePrivateKey),
      keyId: ring.activeKid,
    };
    return { row, text };
  };

  it('checks a signature once per exact text and reuses the frozen snapshot', () => {
    const verified = new VerifiedSignatures();
    const { row, text } = report(1);
    const first = checkIntegrity(row, text, ring, verified);
    expect(first.authentic).toBe(true);
    expect(verified.size).toBe(1);
    const again = checkIntegrity(row, text, ring, verified);
    expect(again.snapshot).toBe(first.snapshot);
    expect(Object.isFrozen(again.snapshot!.domains[0])).toBe(true);
  });

  it('still catches a changed byte after the signature was remembered', () => {
    const verified = new VerifiedSignatures();
    const { row, text } = report(2);
    expect(checkIntegrity(row, text, ring, verified).authentic).toBe(true);
    const tampered = text.replace('NO_RECORD', 'NO_RECORX');
    expect(checkIntegrity(row, tampered, ring, verified)).toMatchObject({
      authentic: false,
      problem: 'the stored snapshot does not match its SHA-256',
    });
    // Rewriting the stored hash too leads to a signature that was never checked for that hash.
    expect(checkIntegrity({ ...row, sha256: sha256Hex(tampered) }, tampered, ring, verified)).toMatchObject({
      authentic: false,
      problem: 'the Ed25519 signature does not verify',
    });
  });

  it('does not trust a remembered signature for another report or an unknown key', () => {
    const verified = new VerifiedSignatures();
    const { row, text } = report(3);
    expect(checkIntegrity(row, text, ring, verified).authentic).toBe(true);
    expect(checkIntegrity({ ...row, number: 'GZ2026112600000999X' }, text, ring, verified).problem).toBe(
      'the stored snapshot belongs to another report',
    );
    const otherRing = keyringFrom(generateKeyFile('520000-test-2'), '520000');
    expect(checkIntegrity(row, text, otherRing, verified).problem).toBe('the signing key 520000-test-1 is not known');
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const verified = new VerifiedSignatures(2);
    const [a, b, c] = [report(4), report(5), report(6)];
    for (const r of [a, b, c]) checkIntegrity(r.row, r.text, ring, verified);
    expect(verified.size).toBe(2);
    expect(verified.get(a.row.sha256, a.row.signature, a.row.keyId)).toBeUndefined();
    expect(verified.get(c.row.sha256, c.row.signature, c.row.keyId)).toBeDefined();
  });
});

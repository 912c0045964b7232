import type { CreditReportEntity } from '../report/report.entity';
import type { ReportSnapshot } from '../report/snapshot';
import type { Keyring } from './signingKeys';
import { signaturesOf, verifySignature, type SignatureVerdict } from './reportSignatures';
import { sha256Hex } from './signature';
import type { VerifiedSignatures } from './verifiedSignatures';

export interface IntegrityResult {
  authentic: boolean;
  /** Why not, in words a person can act on; null when authentic. */
  problem: string | null;
  /** The parsed snapshot when authentic (the only data a verification may show as fact). */
  snapshot: ReportSnapshot | null;
  /** Each signature the report carries and whether it verified over the stored text. */
  signatures: SignatureVerdict[];
}

type SignedRow = Pick<CreditReportEntity, 'number' | 'creditCode' | 'sha256' | 'signature' | 'keyId'> &
  Partial<Pick<CreditReportEntity, 'sm2Signature' | 'sm2KeyId'>>;

/**
 * Recomputes the hash of the stored text and checks every signature (Ed25519, and SM2 on reports
 * issued since) with the key each names, then that the text belongs to this row. Any change to the
 * stored text, hash, a signature or the row's subject makes the report not authentic. With
 * `verified`, signatures already checked for this exact hash are not checked again (the hash itself
 * always is).
 */
export function checkIntegrity(
  row: SignedRow,
  text: string | undefined,
  keyring: Keyring,
  verified?: VerifiedSignatures,
): IntegrityResult {
  const sigs = signaturesOf(row);
  const keyOf = (kid: string) => keyring.verifying.get(kid);
  const verdicts = () => sigs.map((sig) => verifySignature(text ?? '', sig, keyOf));
  const fail = (problem: string, signatures = verdicts()): IntegrityResult => ({
    authentic: false,
    problem,
    snapshot: null,
    signatures,
  });
  if (text === undefined) return fail('the stored snapshot is missing');
  if (sha256Hex(text) !== row.sha256) return fail('the stored snapshot does not match its SHA-256');
  // A remembered signature is trusted only while its key is still in the keyring.
  const unknown = sigs.find((sig) => keyring.verifying.get(sig.kid)?.algorithm !== sig.algorithm);
  if (unknown) return fail(verifySignature(text, unknown, keyOf).problem!);
  const cacheSig = sigs.map((s) => s.signature).join('.');
  const cacheKid = sigs.map((s) => s.kid).join('/');
  let snapshot = verified?.get(row.sha256, cacheSig, cacheKid);
  let signatures: SignatureVerdict[];
  if (snapshot) {
    signatures = sigs.map((s) => ({ algorithm: s.algorithm, kid: s.kid, valid: true, problem: null }));
  } else {
    signatures = verdicts();
    const bad = signatures.find((v) => !v.valid);
    if (bad) return fail(bad.problem!, signatures);
    try {
      snapshot = JSON.parse(text) as ReportSnapshot;
    } catch {
      return fail('the stored snapshot is not readable', signatures);
    }
    verified?.remember(row.sha256, cacheSig, cacheKid, snapshot);
  }
  if (snapshot.number !== row.number || snapshot.subject?.creditCode !== row.creditCode) {
    return fail('the stored snapshot belongs to another report', signatures);
  }
  return { authentic: true, problem: null, snapshot, signatures };
}

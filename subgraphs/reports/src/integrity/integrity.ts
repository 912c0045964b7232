import type { CreditReportEntity } from '../report/report.entity';
import type { ReportSnapshot } from '../report/snapshot';
import type { Keyring } from './signingKeys';
import { sha256Hex, verifyText } from './signature';
import type { VerifiedSignatures } from './verifiedSignatures';

export interface IntegrityResult {
  authentic: boolean;
  /** Why not, in words a person can act on; null when authentic. */
  problem: string | null;
  /** The parsed snapshot when authentic (the only data a verification may show as fact). */
  snapshot: ReportSnapshot | null;
}

/**
 * Recomputes the hash of the stored text and checks the signature with the key it names, then
 * that the text belongs to this row. Any change to the stored text, hash, signature or the
 * row's subject makes the report not authentic. With `verified`, a signature already checked for
 * this exact hash is not checked again (the hash itself always is).
 */
export function checkIntegrity(
  row: Pick<CreditReportEntity, 'number' | 'creditCode' | 'sha256' | 'signature' | 'keyId'>,
  text: string | undefined,
  keyring: Keyring,
  verified?: VerifiedSignatures,
): IntegrityResult {
  const fail = (problem: string): IntegrityResult => ({ authentic: false, problem, snapshot: null });
  if (text === undefined) return fail('the stored snapshot is missing');
  if (sha256Hex(text) !== row.sha256) return fail('the stored snapshot does not match its SHA-256');
  const key = keyring.verifying.get(row.keyId);
  if (!key) return fail(`the signing key ${row.keyId} is not known`);
  let snapshot = verified?.get(row.sha256, row.signature, row.keyId);
  if (!snapshot) {
    if (!verifyText(text, row.signature, key.publicKey)) return fail('the signature does not verify');
    try {
      snapshot = JSON.parse(text) as ReportSnapshot;
    } catch {
      return fail('the stored snapshot is not readable');
    }
    verified?.remember(row.sha256, row.signature, row.keyId, snapshot);
  }
  if (snapshot.number !== row.number || snapshot.subject?.creditCode !== row.creditCode) {
    return fail('the stored snapshot belongs to another report');
  }
  return { authentic: true, problem: null, snapshot };
}

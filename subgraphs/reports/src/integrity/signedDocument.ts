import type { ReportSnapshot } from '../report/snapshot';
import { verifySignature, type ReportSignature, type SignatureVerdict } from './reportSignatures';
import { sha256Hex } from './signature';
import type { VerifyingKey } from './signingKeys';

/** The signed document a report's `document` field gives (and `pnpm verify:report` reads). */
export interface SignedReportDocument {
  format: string;
  /** The Ed25519 kid and signature (every version of the format has them). */
  kid: string;
  sha256: string;
  signature: string;
  /** Every signature, named by algorithm and kid; absent from documents made before SM2 signing. */
  signatures?: ReportSignature[];
  /** The canonical snapshot text the signatures cover, byte for byte. */
  snapshot: string;
}

export interface DocumentVerdict {
  /** The hash matches and every signature verifies. */
  valid: boolean;
  sha256Matches: boolean;
  signatures: SignatureVerdict[];
  snapshot: ReportSnapshot | null;
  problem: string | null;
}

/**
 * Checks a signed document offline with published keys only: the snapshot's SHA-256, then every
 * signature it carries (a document from before SM2 signing carries the Ed25519 one alone).
 */
export function verifySignedDocument(doc: SignedReportDocument, keys: Map<string, VerifyingKey>): DocumentVerdict {
  if (typeof doc?.snapshot !== 'string' || typeof doc.kid !== 'string' || typeof doc.signature !== 'string')
    return {
      valid: false,
      sha256Matches: false,
      signatures: [],
      snapshot: null,
      problem: 'not a signed report document: needs kid, signature and snapshot',
    };
  const sigs: ReportSignature[] = doc.signatures?.length
    ? doc.signatures
    : [{ algorithm: 'Ed25519', kid: doc.kid, signature: doc.signature }];
  const signatures = sigs.map((sig) => verifySignature(doc.snapshot, sig, (kid) => keys.get(kid)));
  const sha256Matches = sha256Hex(doc.snapshot) === doc.sha256;
  let snapshot: ReportSnapshot | null = null;
  try {
    snapshot = JSON.parse(doc.snapshot) as ReportSnapshot;
  } catch {
    snapshot = null;
  }
  const bad = signatures.find((s) => !s.valid);
  const problem = !sha256Matches
    ? 'the snapshot does not match its SHA-256'
    : bad
      ? bad.problem
      : snapshot === null
        ? 'the snapshot is not readable'
        : null;
  return { valid: problem === null, sha256Matches, signatures, snapshot: problem ? null : snapshot, problem };
}

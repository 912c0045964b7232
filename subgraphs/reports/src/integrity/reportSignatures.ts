import type { KeyObject } from 'node:crypto';
import type { Keyring, SigningAlgorithm, VerifyingKey } from './signingKeys';
import { signText, verifyText } from './signature';
import { sm2Sign, sm2Verify } from './sm2';

/** One signature over a report's canonical text, named by algorithm and key. */
export interface ReportSignature {
  algorithm: SigningAlgorithm;
  kid: string;
  /** Ed25519: the 64-byte signature; SM2: the DER SEQUENCE { r, s }; both base64url. */
  signature: string;
}

/** Which signature verified: what verifyReport, /verify and the CLI verifier report per signature. */
export interface SignatureVerdict {
  algorithm: SigningAlgorithm;
  kid: string;
  valid: boolean;
  /** Why not, when not valid. */
  problem: string | null;
}

/** Every new report is signed with the active key of each algorithm. */
export function signReport(text: string, keyring: Keyring): { ed25519: ReportSignature; sm2: ReportSignature } {
  const { kid, privateHex, publicHex } = keyring.activeSm2;
  return {
    ed25519: { algorithm: 'Ed25519', kid: keyring.activeKid, signature: signText(text, keyring.activePrivateKey) },
    sm2: { algorithm: 'SM2', kid, signature: sm2Sign(text, privateHex, publicHex) },
  };
}

/** The signatures a stored report row carries: Ed25519 always, SM2 for reports issued since SM2 signing. */
export function signaturesOf(row: {
  signature: string;
  keyId: string;
  sm2Signature?: string | null;
  sm2KeyId?: string | null;
}): ReportSignature[] {
  const out: ReportSignature[] = [{ algorithm: 'Ed25519', kid: row.keyId, signature: row.signature }];
  if (row.sm2Signature && row.sm2KeyId) out.push({ algorithm: 'SM2', kid: row.sm2KeyId, signature: row.sm2Signature });
  return out;
}

/** Checks one signature with the key its kid names; the key's algorithm must be the signature's. */
export function verifySignature(
  text: string,
  sig: ReportSignature,
  keyOf: (kid: string) => VerifyingKey | undefined,
): SignatureVerdict {
  const verdict = (valid: boolean, problem: string | null): SignatureVerdict => ({
    algorithm: sig.algorithm,
    kid: sig.kid,
    valid,
    problem,
  });
  const key = keyOf(sig.kid);
  if (!key) return verdict(false, `the signing key ${sig.kid} is not known`);
  if (key.algorithm !== sig.algorithm) return verdict(false, `the key ${sig.kid} is not an ${sig.algorithm} key`);
  const ok =
    key.algorithm === 'SM2'
      ? sm2Verify(text, sig.signature, key.publicKey)
      : verifyText(text, sig.signature, key.publicKey as KeyObject);
  return ok ? verdict(true, null) : verdict(false, `the ${sig.algorithm} signature does not verify`);
}

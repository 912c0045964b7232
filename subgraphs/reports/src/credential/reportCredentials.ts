import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Between, IsNull, Not } from 'typeorm';
import type { Keyring } from '../integrity/signingKeys';
import { CreditReportEntity } from '../report/report.entity';
import { ReportStatus } from '../report/report.type';
import type { ReportSnapshot } from '../report/snapshot';
import { CREDIT_REPORT_CONTEXT_PATH } from './creditReportContext';
import { localDocumentLoader } from './documentLoader';
import { vcLibraries, type VerifiableCredential } from './vcLibraries';

/**
 * Entries per status list credential: 2^20 bits (128 KiB before compression, a few hundred bytes
 * while sparse). The spec's minimum is 2^17; a larger list means fewer lists to serve and cache.
 */
export const STATUS_LIST_SIZE = 1 << 20;
export const STATUS_LIST_PATH = '/credentials/status/';
export const DID_DOCUMENT_PATH = '/.well-known/did.json';

/**
 * did:web of the public origin: only host and port name the DID (a port's colon percent-encoded), so
 * the DID document is the origin's /.well-known/did.json (did:web method, §3.2).
 */
export function didWebOf(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  return `did:web:${encodeURIComponent(url.host)}`;
}

/** revocation: the report was revoked; refresh: records it covers changed since issuance (reissue it). */
export const STATUS_PURPOSES = ['revocation', 'refresh'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export const statusListOf = (index: number) => ({
  list: Math.floor(index / STATUS_LIST_SIZE) + 1,
  bit: index % STATUS_LIST_SIZE,
});

/**
 * Responsible for the report as a W3C Verifiable Credential 2.0: the issuer's DID document (its
 * Ed25519 keys as Multikey verification methods), each report's credential (DataIntegrityProof,
 * eddsa-rdfc-2022, signed with the active Ed25519 key) and the revocation status lists built from
 * the report rows, so a revocation and its bit are one write.
 */
export class ReportCredentials {
  readonly did: string;
  private readonly statusCache = new Map<string, { revision: string; credential: VerifiableCredential }>();

  constructor(
    private readonly db: DataSource,
    private readonly keyring: Keyring,
    private readonly config: { publicBaseUrl: string; issuerName: string },
  ) {
    this.did = didWebOf(config.publicBaseUrl);
  }

  private methodId = (kid: string) => `${this.did}#${kid}`;

  private statusListUrl = (list: number, purpose: StatusPurpose = 'revocation') =>
    `${this.config.publicBaseUrl}${STATUS_LIST_PATH}${purpose === 'revocation' ? '' : `${purpose}/`}${list}`;

  private didDocumentMemo: Promise<Record<string, unknown>> | undefined;

  /** The DID document: every Ed25519 key, retired ones too (old credentials keep verifying). */
  didDocument(): Promise<Record<string, unknown>> {
    // The keyring is fixed for the life of the process.
    this.didDocumentMemo ??= this.buildDidDocument();
    return this.didDocumentMemo;
  }

  private async buildDidDocument(): Promise<Record<string, unknown>> {
    const { Ed25519Multikey } = await vcLibraries();
    const methods = [];
    for (const key of this.keyring.verifying.values()) {
      if (key.algorithm !== 'Ed25519') continue;
      const pair = await Ed25519Multikey.fromJwk({
        jwk: { kty: 'OKP', crv: 'Ed25519', x: key.jwk.x },
        id: this.methodId(key.kid),
        controller: this.did,
      });
      methods.push(await pair.export({ publicKey: true, includeContext: false }));
    }
    return {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: this.did,
      verificationMethod: methods,
      assertionMethod: methods.map((m) => m.id),
    };
  }

  private async signer() {
    const { Ed25519Multikey, DataIntegrityProof, cryptosuite } = await vcLibraries();
    const jwk = this.keyring.activePrivateKey.export({ format: 'jwk' });
    const pair = await Ed25519Multikey.fromJwk({
      jwk,
      secretKey: true,
      id: this.methodId(this.keyring.activeKid),
      controller: this.did,
    });
    return new DataIntegrityProof({ signer: pair.signer(), cryptosuite });
  }

  private async issue(credential: Record<string, unknown>): Promise<VerifiableCredential> {
    const { vc } = await vcLibraries();
    const documentLoader = localDocumentLoader(this.config.publicBaseUrl, { [this.did]: await this.didDocument() });
    return vc.issue({ credential, suite: await this.signer(), documentLoader });
  }

  /** The report as a VC: the credit subject and the per-domain outcomes of the chosen period. */
  async reportCredential(row: CreditReportEntity, snapshot: ReportSnapshot): Promise<VerifiableCredential> {
    const base = this.config.publicBaseUrl;
    // Two entries on the same index: revocation, and "refresh" (records it covers changed since issuance).
    const status =
      row.statusListIndex === null || row.statusListIndex === undefined
        ? undefined
        : STATUS_PURPOSES.map((purpose) => {
            const { list, bit } = statusListOf(row.statusListIndex!);
            const url = this.statusListUrl(list, purpose);
            return {
              id: `${url}#${bit}`,
              type: 'BitstringStatusListEntry',
              statusPurpose: purpose,
              statusListIndex: String(bit),
              statusListCredential: url,
            };
          });
    return this.issue({
      '@context': ['https://www.w3.org/ns/credentials/v2', `${base}${CREDIT_REPORT_CONTEXT_PATH}`],
      id: `urn:gz-credit-report:${row.number}`,
      type: ['VerifiableCredential', 'SpecialCreditReportCredential'],
      name: '专项信用报告（代替无违法违规记录证明）',
      issuer: { id: this.did, name: this.config.issuerName },
      validFrom: snapshot.issuedAt,
      credentialSubject: {
        type: 'SpecialCreditReport',
        creditCode: snapshot.subject.creditCode,
        name: snapshot.subject.name,
        subjectKind: snapshot.subject.kind,
        reportNumber: row.number,
        issuerProvince: snapshot.issuer.province,
        scenario: snapshot.scenario,
        periodFrom: snapshot.period.from,
        periodTo: snapshot.period.to,
        coverageFrom: snapshot.period.coverageFrom,
        snapshotSha256: row.sha256,
        // Named nodes, not blank ones: RDF canonicalisation of dozens of alike blank nodes (a list of
        // 43 outcomes) exceeds rdf-canonize's work limit, and a named outcome is citable on its own.
        domainOutcomes: snapshot.domains.map((d) => ({
          id: `urn:gz-credit-report:${row.number}:${d.code}`,
          type: 'DomainOutcome',
          domainCode: d.code,
          domainName: d.nameZh,
          outcome: d.outcome,
          recordCount: d.records.length,
        })),
      },
      ...(status ? { credentialStatus: status } : {}),
    });
  }

  /**
   * The BitstringStatusListCredential of one list, its bits the revoked reports' indexes. Signed
   * again only when the set of revoked indexes changed (the set is read from the rows every time).
   * Null for a list no report has an index in yet: an unknown number must not cost a signature.
   */
  async statusListCredential(
    list: number,
    purpose: StatusPurpose = 'revocation',
  ): Promise<VerifiableCredential | null> {
    const lo = (list - 1) * STATUS_LIST_SIZE;
    const range = Between(lo, lo + STATUS_LIST_SIZE - 1);
    const inUse = await this.db.getRepository(CreditReportEntity).exists({ where: { statusListIndex: range } });
    if (!inUse) return null;
    const rows = await this.db.getRepository(CreditReportEntity).find({
      select: { statusListIndex: true },
      where:
        purpose === 'revocation'
          ? { statusListIndex: range, status: ReportStatus.REVOKED }
          : { statusListIndex: range, changedAt: Not(IsNull()) },
    });
    const bits = rows.map((r) => r.statusListIndex! - lo).sort((a, b) => a - b);
    const revision = createHash('sha256').update(bits.join(',')).digest('hex');
    const key = `${purpose}:${list}`;
    const cached = this.statusCache.get(key);
    if (cached?.revision === revision) return cached.credential;
    const { statusList } = await vcLibraries();
    const bitstring = await statusList.createList({ length: STATUS_LIST_SIZE });
    for (const b of bits) bitstring.setStatus(b, true);
    const unsigned = await statusList.createCredential({
      id: this.statusListUrl(list, purpose),
      list: bitstring,
      statusPurpose: purpose,
    });
    const credential = await this.issue({
      ...unsigned,
      issuer: { id: this.did, name: this.config.issuerName },
      validFrom: new Date().toISOString(),
    });
    this.statusCache.set(key, { revision, credential });
    return credential;
  }
}

/** What a report user's verifier concludes from a report credential: signature, then revocation. */
export interface CredentialVerdict {
  verified: boolean;
  revoked: boolean | null;
  /** The "refresh" bit: records the report covers changed since issuance; null without that entry. */
  recordsChanged: boolean | null;
  problem: string | null;
}

/**
 * Verifies a report credential with the library's verifier, given only the issuer's DID document
 * and the status list credential(s) it names (fetched by the caller, e.g. from the platform).
 */
export async function verifyReportCredential(
  credential: object,
  documents: { publicBaseUrl: string; didDocument: Record<string, unknown>; statusLists: Record<string, unknown> },
): Promise<CredentialVerdict> {
  const { vc, DataIntegrityProof, cryptosuite, statusList } = await vcLibraries();
  const didDoc = documents.didDocument as { id: string };
  const documentLoader = localDocumentLoader(documents.publicBaseUrl, {
    [didDoc.id]: documents.didDocument,
    ...documents.statusLists,
  });
  const suite = new DataIntegrityProof({ cryptosuite });
  const hasStatus = 'credentialStatus' in credential;
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    ...(hasStatus ? { checkStatus: statusList.checkStatus } : {}),
  });
  const bit = (purpose: StatusPurpose) => {
    if (!hasStatus || !result.statusResult?.verified) return null;
    const entry = result.statusResult.results?.find((r) => r.credentialStatus?.statusPurpose === purpose);
    return entry ? Boolean(entry.status) : null;
  };
  const error = result.error ?? result.statusResult?.error;
  return {
    verified: result.verified && (!hasStatus || result.statusResult?.verified === true),
    revoked: bit('revocation'),
    recordsChanged: bit('refresh'),
    problem: result.verified ? null : describe(error),
  };
}

function describe(err: unknown): string {
  const e = err as { message?: string; errors?: { message?: string }[] } | undefined;
  return e?.errors?.[0]?.message ?? e?.message ?? 'the credential does not verify';
}

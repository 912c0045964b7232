import type { ServiceClient } from '@credit/shared';
import type { SnapshotSubject, SourceRecord } from '../report/snapshot';

export interface CatalogueDomain {
  code: string;
  nameZh: string;
  active: boolean;
  sortOrder: number;
}

export interface CommitmentCheck {
  breached: boolean;
  reasons: string[];
}

// Subject and commitment status come from the same owner: one request, not two.
const SUBJECT_AND_COMMITMENTS = `query ReportSubject($code: String!) {
  subject(creditCode: $code) { creditCode name kind regionCode legalRepresentative registrationAuthority status }
  internalCommitmentStatus(creditCode: $code) { breached reasons }
}`;
const DOMAINS = 'query ReportDomains { domains(includeInactive: true) { code nameZh active sortOrder } }';
const RECORDS = `query ReportRecords($code: String!, $domains: [String!]!, $from: String!, $to: String!) {
  internalRecordsForSnapshot(creditCode: $code, domains: $domains, from: $from, to: $to) {
    id domainCode category simplifiedProcedure decisionNumber decisionDate decidingAuthority facts
    penaltyContent fineAmount status repaired repairedAt underObjection
  }
}`;

/** The catalogue changes rarely (the lead department adds a domain); a minute of staleness is harmless. */
const CATALOGUE_TTL_MS = 60_000;

/**
 * Responsible for what issuance reads from the owners: the subject, the catalogue and commitment
 * status from entities, the records from records; always as SERVICE, never through the gateway.
 */
export class Upstream {
  private catalogue?: { at: number; domains: Promise<CatalogueDomain[]> };

  constructor(
    private readonly entities: ServiceClient,
    private readonly records: ServiceClient,
  ) {}

  async subjectForIssuance(
    creditCode: string,
    requestId?: string,
  ): Promise<{ subject: SnapshotSubject | null; commitments: CommitmentCheck }> {
    const r = await this.entities<{ subject: SnapshotSubject | null; internalCommitmentStatus: CommitmentCheck }>(
      SUBJECT_AND_COMMITMENTS,
      { code: creditCode },
      requestId,
    );
    return { subject: r.subject, commitments: r.internalCommitmentStatus };
  }

  /** Concurrent issuers share one fetch when the cached catalogue has expired. */
  domains(requestId?: string): Promise<CatalogueDomain[]> {
    if (this.catalogue && Date.now() - this.catalogue.at < CATALOGUE_TTL_MS) return this.catalogue.domains;
    const domains = this.entities<{ domains: CatalogueDomain[] }>(DOMAINS, {}, requestId).then((r) =>
      [...r.domains].sort((a, b) => a.sortOrder - b.sortOrder),
    );
    const entry = { at: Date.now(), domains };
    this.catalogue = entry;
    // A failed fetch is not cached: the next issuer asks again.
    domains.catch(() => {
      if (this.catalogue === entry) this.catalogue = undefined;
    });
    return domains;
  }

  async recordsForSnapshot(
    creditCode: string,
    domains: string[],
    from: string,
    to: string,
    requestId?: string,
  ): Promise<SourceRecord[]> {
    const r = await this.records<{ internalRecordsForSnapshot: SourceRecord[] }>(
      RECORDS,
      { code: creditCode, domains, from, to },
      requestId,
    );
    return r.internalRecordsForSnapshot;
  }
}

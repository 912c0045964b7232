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

const SUBJECT = `query ReportSubject($code: String!) {
  subject(creditCode: $code) { creditCode name kind regionCode legalRepresentative registrationAuthority status }
}`;
const DOMAINS = 'query ReportDomains { domains(includeInactive: true) { code nameZh active sortOrder } }';
const COMMITMENTS = `query ReportCommitments($code: String!) { internalCommitmentStatus(creditCode: $code) { breached reasons } }`;
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
  private catalogue?: { at: number; domains: CatalogueDomain[] };

  constructor(private readonly entities: ServiceClient, private readonly records: ServiceClient) {}

  async subject(creditCode: string, requestId?: string): Promise<SnapshotSubject | null> {
    const r = await this.entities<{ subject: SnapshotSubject | null }>(SUBJECT, { code: creditCode }, requestId);
    return r.subject;
  }

  async domains(requestId?: string): Promise<CatalogueDomain[]> {
    if (this.catalogue && Date.now() - this.catalogue.at < CATALOGUE_TTL_MS) return this.catalogue.domains;
    const r = await this.entities<{ domains: CatalogueDomain[] }>(DOMAINS, {}, requestId);
    const domains = [...r.domains].sort((a, b) => a.sortOrder - b.sortOrder);
    this.catalogue = { at: Date.now(), domains };
    return domains;
  }

  async commitmentStatus(creditCode: string, requestId?: string): Promise<CommitmentCheck> {
    const r = await this.entities<{ internalCommitmentStatus: CommitmentCheck }>(COMMITMENTS, { code: creditCode }, requestId);
    return r.internalCommitmentStatus;
  }

  async recordsForSnapshot(creditCode: string, domains: string[], from: string, to: string, requestId?: string): Promise<SourceRecord[]> {
    const r = await this.records<{ internalRecordsForSnapshot: SourceRecord[] }>(RECORDS, { code: creditCode, domains, from, to }, requestId);
    return r.internalRecordsForSnapshot;
  }
}

import {
  EntitiesApi,
  RecordsApi,
  type CatalogueDomain,
  type CatalogueMatter,
  type EntitiesCatalogue,
  type ServiceClient,
} from '@credit/shared';
import type { SnapshotSubject, SourceRecord } from '../report/snapshot';

export type { CatalogueDomain };
export type CommitmentCheck = EntitiesApi.SubjectForIssuanceQuery['internalCommitmentStatus'];

/**
 * Responsible for what issuance reads from the owners: the subject, the catalogue and commitment
 * status from entities, the records from records; always as SERVICE, never through the gateway,
 * with the typed clients generated from their schemas.
 */
export class Upstream {
  constructor(
    private readonly entities: ServiceClient,
    private readonly records: ServiceClient,
    private readonly catalogue: EntitiesCatalogue,
  ) {}

  /** Subject and commitment status come from the same owner: one request, not two. */
  async subjectForIssuance(
    creditCode: string,
    requestId?: string,
  ): Promise<{ subject: SnapshotSubject | null; commitments: CommitmentCheck }> {
    const r = await this.entities(EntitiesApi.SubjectForIssuanceDocument, { creditCode }, requestId);
    return { subject: r.subject, commitments: r.internalCommitmentStatus };
  }

  /** Standing breaches of the subject's commitments, dated: verification warns of those after issuance. */
  async commitmentBreaches(creditCode: string, requestId?: string): Promise<{ breachedAt: string; reason: string }[]> {
    const r = await this.entities(EntitiesApi.CommitmentBreachesDocument, { creditCode }, requestId);
    return r.internalCommitmentStatus.breaches;
  }

  /** The name the code is registered under; null when it is not registered. */
  async registeredName(creditCode: string, requestId?: string): Promise<string | null> {
    const r = await this.entities(EntitiesApi.RegisteredSubjectNamesDocument, { creditCodes: [creditCode] }, requestId);
    return r.internalSubjectNames.find((s) => s.creditCode === creditCode)?.name ?? null;
  }

  /** The whole catalogue in the plan's order, from the shared catalogue cache. */
  domains(requestId?: string): Promise<CatalogueDomain[]> {
    return this.catalogue.domains(requestId);
  }

  /** The active substitution catalogue, from the same cache. */
  substitutionMatters(requestId?: string): Promise<CatalogueMatter[]> {
    return this.catalogue.substitutionMatters(requestId);
  }

  async recordsForSnapshot(
    creditCode: string,
    domains: string[],
    from: string,
    to: string,
    requestId?: string,
  ): Promise<SourceRecord[]> {
    const r = await this.records(RecordsApi.SnapshotRecordsDocument, { creditCode, domains, from, to }, requestId);
    return r.internalRecordsForSnapshot;
  }
}

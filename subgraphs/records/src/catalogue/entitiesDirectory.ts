import type { ServiceClient } from '@credit/shared';
import type { DomainInfo } from '../submission/recordValidation';

/** The domain catalogue as records needs it (owned by entities). */
export interface DomainCatalogue {
  domains(): Promise<ReadonlyMap<string, DomainInfo>>;
}

export interface SourceUnitInfo {
  code: string;
  name: string;
  active: boolean;
  domainCodes: string[];
  regionCode: string;
}

/** The register of source units (owned by entities): who should be submitting. */
export interface SourceUnitDirectory {
  sourceUnits(): Promise<SourceUnitInfo[]>;
}

const TTL_MS = 60_000;

/**
 * Reads the catalogue and the unit register from entities as a SERVICE and keeps them in memory
 * for a minute: a submission of 1,000 rows costs no call at all most of the time. A failed refresh
 * keeps serving the last good copy; without one the caller's request fails.
 */
export class EntitiesDirectory implements DomainCatalogue, SourceUnitDirectory {
  private domainCache?: { value: Map<string, DomainInfo>; until: number };
  private unitCache?: { value: SourceUnitInfo[]; until: number };

  constructor(
    private readonly call: ServiceClient,
    private readonly ttlMs = TTL_MS,
  ) {}

  async domains(): Promise<ReadonlyMap<string, DomainInfo>> {
    const c = this.domainCache;
    if (c && c.until > Date.now()) return c.value;
    try {
      const data = await this.call<{ domains: DomainInfo[] }>('{ domains(includeInactive: true) { code active } }');
      const value = new Map(data.domains.map((d) => [d.code, { code: d.code, active: d.active }]));
      this.domainCache = { value, until: Date.now() + this.ttlMs };
      return value;
    } catch (err) {
      if (c) return c.value;
      throw err;
    }
  }

  async sourceUnits(): Promise<SourceUnitInfo[]> {
    const c = this.unitCache;
    if (c && c.until > Date.now()) return c.value;
    try {
      const data = await this.call<{ sourceUnits: SourceUnitInfo[] }>(
        '{ sourceUnits { code name active domainCodes regionCode } }',
      );
      this.unitCache = { value: data.sourceUnits, until: Date.now() + this.ttlMs };
      return data.sourceUnits;
    } catch (err) {
      if (c) return c.value;
      throw err;
    }
  }
}

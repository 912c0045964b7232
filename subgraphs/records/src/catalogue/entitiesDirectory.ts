import {
  EntitiesApi,
  type CatalogueDomain,
  type CatalogueSourceUnit,
  type EntitiesCatalogue,
  type ServiceClient,
} from '@credit/shared';
import type { DomainInfo } from '../submission/recordValidation';

/** The domain catalogue as records needs it (owned by entities). */
export interface DomainCatalogue {
  domains(): Promise<ReadonlyMap<string, DomainInfo>>;
}

/** A registered unit: code, name, active, domainCodes, regionCode and its own creditCode. */
export type SourceUnitInfo = CatalogueSourceUnit;

/** The register of source units (owned by entities): who should be submitting. */
export interface SourceUnitDirectory {
  sourceUnits(): Promise<SourceUnitInfo[]>;
}

/** The subject register (owned by entities): the names subjects are registered under. */
export interface SubjectRegister {
  /** Registered name by credit code, for the codes that are registered. */
  registeredNames(creditCodes: string[], requestId?: string): Promise<Map<string, string>>;
}

/**
 * The catalogue and the unit register as records reads them: through the shared catalogue cache
 * (`EntitiesCatalogue`, whose behaviour when entities changes them or is down is documented there).
 */
export class EntitiesDirectory implements DomainCatalogue, SourceUnitDirectory, SubjectRegister {
  // The map is rebuilt only when the catalogue hands out a new copy.
  private byCode?: { from: CatalogueDomain[]; map: ReadonlyMap<string, DomainInfo> };

  constructor(
    private readonly catalogue: EntitiesCatalogue,
    private readonly entities?: ServiceClient,
  ) {}

  async domains(): Promise<ReadonlyMap<string, DomainInfo>> {
    const list = await this.catalogue.domains();
    if (this.byCode?.from !== list)
      this.byCode = { from: list, map: new Map(list.map((d) => [d.code, { code: d.code, active: d.active }])) };
    return this.byCode.map;
  }

  sourceUnits(): Promise<SourceUnitInfo[]> {
    return this.catalogue.sourceUnits();
  }

  async registeredNames(creditCodes: string[], requestId?: string): Promise<Map<string, string>> {
    if (!this.entities || creditCodes.length === 0) return new Map();
    const r = await this.entities(EntitiesApi.RegisteredSubjectNamesDocument, { creditCodes }, requestId);
    return new Map(r.internalSubjectNames.map((s) => [s.creditCode, s.name]));
  }
}

import type { Cache } from '../../cache/cache';
import { newUlid } from '../../db/ulid';
import { serviceUnavailable } from '../../errors/errors';
import type { ServiceClient } from '../../server/serviceClient';
import * as EntitiesApi from './generated/entities';

export type CatalogueDomain = EntitiesApi.DomainCatalogueQuery['domains'][number];
export type CatalogueSourceUnit = EntitiesApi.SourceUnitRegisterQuery['sourceUnits'][number];
export type CatalogueMatter = EntitiesApi.SubstitutionCatalogueQuery['substitutionMatters'][number];
export type CatalogueCalendarYear = EntitiesApi.WorkingCalendarCatalogueQuery['workingCalendars'][number];

/** Key (in the platform-wide cache) of the version of the domain catalogue, the unit register, the substitution catalogue and the working calendar. */
export const CATALOGUE_VERSION_KEY = 'ver:catalogue';
// Refreshed by every write; a key that expires or is lost is simply created again by the next reader.
const VERSION_TTL_SECONDS = 30 * 86_400;

/** How long the last good copy is served while entities cannot be asked (then SERVICE_UNAVAILABLE). */
export const CATALOGUE_STALE_LIMIT_MS = 60_000;
/** A copy is re-read at least this often even when no version change was seen (heals a lost publish). */
export const CATALOGUE_MAX_AGE_MS = 10 * 60_000;

/**
 * The entities side: every write to the domain catalogue or the source-unit register calls
 * `publish()` after its commit, so that every reader's next use sees the change.
 */
export class CatalogueChanges {
  constructor(private readonly shared?: Cache) {}

  async publish(): Promise<void> {
    // A fresh token rather than a counter: a lost or expired key can never bring back an old version.
    await this.shared?.set(CATALOGUE_VERSION_KEY, newUlid(), VERSION_TTL_SECONDS);
  }
}

export const NO_CATALOGUE_CHANGES = new CatalogueChanges();

export interface EntitiesCatalogueOptions {
  /** The platform-wide cache (`${CACHE_PREFIX}:shared`). */
  shared?: Cache;
  logger?: WarningLog;
  staleLimitMs?: number;
  maxAgeMs?: number;
  /** Tests move time forward. */
  now?: () => number;
}

/**
 * The domain catalogue and the source-unit register as the other subgraphs read them from
 * entities (owner of both), cached in memory with one behaviour everywhere:
 *
 * - With a platform-wide cache (Redis), a copy is served while the catalogue version there is the
 *   one it was read under: one cache GET per use, and a write in entities (which publishes a new
 *   version) takes effect on the next request. A copy older than CATALOGUE_MAX_AGE_MS is re-read.
 * - Without one (the embedded mode's caches are per process), entities is asked on every use;
 *   concurrent users share one call.
 * - When entities cannot be asked, the last good copy is served, with a warning, for at most
 *   CATALOGUE_STALE_LIMIT_MS after it was last known current; after that, and when no copy was
 *   ever read, the use fails with SERVICE_UNAVAILABLE. A version that cannot be read (cache down)
 *   counts as changed.
 */
export class EntitiesCatalogue {
  private readonly domainCopy: VersionedCopy<CatalogueDomain[]>;
  private readonly unitCopy: VersionedCopy<CatalogueSourceUnit[]>;
  private readonly matterCopy: VersionedCopy<CatalogueMatter[]>;
  private readonly calendarCopy: VersionedCopy<CatalogueCalendarYear[]>;

  constructor(entities: ServiceClient, opts: EntitiesCatalogueOptions = {}) {
    const settings = {
      shared: opts.shared?.kind === 'redis' ? opts.shared : undefined,
      logger: opts.logger,
      staleLimitMs: opts.staleLimitMs ?? CATALOGUE_STALE_LIMIT_MS,
      maxAgeMs: opts.maxAgeMs ?? CATALOGUE_MAX_AGE_MS,
      now: opts.now ?? Date.now,
    };
    this.domainCopy = new VersionedCopy('domain catalogue', settings, async (requestId) => {
      const r = await entities(EntitiesApi.DomainCatalogueDocument, {}, requestId);
      return [...r.domains].sort((a, b) => a.sortOrder - b.sortOrder);
    });
    this.unitCopy = new VersionedCopy('source-unit register', settings, async (requestId) => {
      const r = await entities(EntitiesApi.SourceUnitRegisterDocument, {}, requestId);
      return r.sourceUnits;
    });
    this.matterCopy = new VersionedCopy('substitution catalogue', settings, async (requestId) => {
      const r = await entities(EntitiesApi.SubstitutionCatalogueDocument, {}, requestId);
      return r.substitutionMatters;
    });
    this.calendarCopy = new VersionedCopy('working calendar', settings, async (requestId) => {
      const r = await entities(EntitiesApi.WorkingCalendarCatalogueDocument, {}, requestId);
      return [...r.workingCalendars].sort((a, b) => a.year - b.year);
    });
  }

  /** Every domain, inactive ones included, in the plan's order. */
  domains(requestId?: string): Promise<CatalogueDomain[]> {
    return this.domainCopy.get(requestId);
  }

  /** Every registered source unit, inactive ones included. */
  sourceUnits(requestId?: string): Promise<CatalogueSourceUnit[]> {
    return this.unitCopy.get(requestId);
  }

  /** Every known year of the working-day calendar, oldest first, each with its version. */
  workingCalendar(requestId?: string): Promise<CatalogueCalendarYear[]> {
    return this.calendarCopy.get(requestId);
  }

  /** The active matters of the substitution catalogue (应替尽替). */
  substitutionMatters(requestId?: string): Promise<CatalogueMatter[]> {
    return this.matterCopy.get(requestId);
  }
}

/** The part of the service's logger the catalogue uses. */
export interface WarningLog {
  warn(details: object, message: string): void;
}

interface CopySettings {
  shared?: Cache;
  logger?: WarningLog;
  staleLimitMs: number;
  maxAgeMs: number;
  now: () => number;
}

interface Held<T> {
  value: T;
  version?: string;
  /** When the read that produced it started. */
  readAt: number;
  /** When it was last known to be current (read, or its version seen unchanged). */
  confirmedAt: number;
}

/** One cached resource: a version check, a shared in-flight read, the stale rule. */
class VersionedCopy<T> {
  private held?: Held<T>;
  private inFlight?: { version?: string; read: Promise<T> };

  constructor(
    private readonly what: string,
    private readonly s: CopySettings,
    private readonly read: (requestId?: string) => Promise<T>,
  ) {}

  async get(requestId?: string): Promise<T> {
    const version = await this.currentVersion();
    const held = this.held;
    const now = this.s.now();
    if (version !== undefined && held?.version === version && now - held.readAt < this.s.maxAgeMs) {
      held.confirmedAt = now;
      return held.value;
    }
    try {
      return await this.readShared(version, requestId);
    } catch (err) {
      const last = this.held;
      const message = err instanceof Error ? err.message : String(err);
      if (last && this.s.now() - last.confirmedAt <= this.s.staleLimitMs) {
        this.s.logger?.warn(
          { err: message, ageMs: this.s.now() - last.confirmedAt },
          `entities unavailable; serving the last ${this.what}`,
        );
        return last.value;
      }
      throw serviceUnavailable('entities', `the ${this.what} cannot be read from entities: ${message}`);
    }
  }

  /** undefined: no platform-wide version (no shared cache, or it did not answer). */
  private async currentVersion(): Promise<string | undefined> {
    const shared = this.s.shared;
    if (!shared) return undefined;
    try {
      const version = await shared.get(CATALOGUE_VERSION_KEY);
      if (version !== undefined) return version;
      // No version yet (first start, or the key was lost): create one, or take the one a writer just set.
      const fresh = newUlid();
      if (await shared.setIfAbsent(CATALOGUE_VERSION_KEY, fresh, VERSION_TTL_SECONDS)) return fresh;
      return await shared.get(CATALOGUE_VERSION_KEY);
    } catch (err) {
      this.s.logger?.warn({ err: (err as Error).message }, `catalogue version unreadable; asking entities`);
      return undefined;
    }
  }

  /**
   * Concurrent users of the same version share one read. The version is read before the read
   * starts, so a copy is never newer-labelled than its content: a write during the read leaves
   * the copy under the old version and the next use reads again.
   */
  private readShared(version: string | undefined, requestId?: string): Promise<T> {
    const flying = this.inFlight;
    if (flying && flying.version === version) return flying.read;
    const readAt = this.s.now();
    const read = this.read(requestId).then((value) => {
      if (!this.held || this.held.readAt <= readAt) this.held = { value, version, readAt, confirmedAt: readAt };
      return value;
    });
    const entry = { version, read };
    this.inFlight = entry;
    const done = () => {
      if (this.inFlight === entry) this.inFlight = undefined;
    };
    read.then(done, done);
    return read;
  }
}

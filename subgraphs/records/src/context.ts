import {
  authConfigFromEnv,
  createServiceClient,
  EntitiesCatalogue,
  NO_SUBJECT_CHANGES,
  type EntitiesCatalogueOptions,
  type ServiceContext,
  type SubjectChanges,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { EntitiesDirectory, type DomainCatalogue, type SourceUnitDirectory } from './catalogue/entitiesDirectory';
import type { RecordsEnv } from './env';
import { createHistoryLoaders } from './history/history.loaders';
import { HistoryService } from './history/history.service';
import { RecordCorrections } from './internal/recordCorrections';
import { SnapshotRecords } from './internal/snapshotRecords';
import { QualityService } from './quality/quality.service';
import { createRecordLoaders } from './record/record.loaders';
import { RecordService } from './record/record.service';
import { StatisticsService } from './statistics/statistics.service';
import { SubmissionService } from './submission/submission.service';

export interface RecordsServices {
  db: DataSource;
  directory: DomainCatalogue & SourceUnitDirectory;
  records: RecordService;
  submissions: SubmissionService;
  history: HistoryService;
  quality: QualityService;
  statistics: StatisticsService;
  /** Objection marks and corrections from upheld objections (internal API). */
  corrections: RecordCorrections;
  /** The records report snapshots show (internal API). */
  snapshots: SnapshotRecords;
}

export interface RecordsContext extends ServiceContext {
  services: RecordsServices;
  loaders: {
    records: ReturnType<typeof createRecordLoaders>;
    history: ReturnType<typeof createHistoryLoaders>;
  };
}

/**
 * The entities directory over the service client: the real catalogue, as in production. Without
 * the platform-wide cache (the import command) entities is asked on every use.
 */
export function entitiesDirectoryFromEnv(
  env: RecordsEnv,
  cacheOpts: Pick<EntitiesCatalogueOptions, 'shared' | 'logger'> = {},
): EntitiesDirectory {
  const client = createServiceClient({ url: env.ENTITIES_URL, service: 'records', auth: authConfigFromEnv(env) });
  return new EntitiesDirectory(new EntitiesCatalogue(client, cacheOpts), client);
}

/** Services are stateless and built once; `directory` may be replaced (the import command shares it). */
export function createServices(
  db: DataSource,
  env: RecordsEnv,
  directory: DomainCatalogue & SourceUnitDirectory,
  changes: SubjectChanges = NO_SUBJECT_CHANGES,
): RecordsServices {
  return {
    db,
    directory,
    records: new RecordService(db, changes),
    submissions: new SubmissionService(db, directory, changes),
    history: new HistoryService(db, env.MAX_REPORT_YEARS),
    quality: new QualityService(db, directory, {
      lateThresholdDays: env.LATE_THRESHOLD_DAYS,
      rejectionRateWarning: env.REJECTION_RATE_WARNING,
    }),
    statistics: new StatisticsService(db),
    corrections: new RecordCorrections(db, directory, changes),
    snapshots: new SnapshotRecords(db),
  };
}

/** Loaders are per request so that no cache outlives it. */
export function createContext(base: ServiceContext, services: RecordsServices): RecordsContext {
  const ctx = base as RecordsContext;
  ctx.services = services;
  ctx.loaders = {
    records: createRecordLoaders(ctx, services.records, services.db),
    history: createHistoryLoaders(ctx, services.history, services.db),
  };
  return ctx;
}

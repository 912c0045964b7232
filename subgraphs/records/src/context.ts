import {
  authConfigFromEnv,
  createServiceClient,
  NO_SUBJECT_CHANGES,
  type ServiceContext,
  type SubjectChanges,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { EntitiesDirectory, type DomainCatalogue, type SourceUnitDirectory } from './catalogue/entitiesDirectory';
import type { RecordsEnv } from './env';
import { createHistoryLoaders } from './history/history.loaders';
import { HistoryService } from './history/history.service';
import { ObjectionService } from './internal/objection.service';
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
  objections: ObjectionService;
}

export interface RecordsContext extends ServiceContext {
  services: RecordsServices;
  loaders: {
    records: ReturnType<typeof createRecordLoaders>;
    history: ReturnType<typeof createHistoryLoaders>;
  };
}

/** The entities directory over the service client: the real catalogue, as in production. */
export function entitiesDirectoryFromEnv(env: RecordsEnv): EntitiesDirectory {
  return new EntitiesDirectory(
    createServiceClient({ url: env.ENTITIES_URL, service: 'records', auth: authConfigFromEnv(env) }),
  );
}

/** Services are stateless and built once; `directory` may be replaced (the import command shares it). */
export function createServices(
  db: DataSource,
  env: RecordsEnv,
  directory: DomainCatalogue & SourceUnitDirectory = entitiesDirectoryFromEnv(env),
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
    objections: new ObjectionService(db, directory, changes),
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

import { AuditEntry, openDatabase } from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { RecordsEnv } from './env';
import { RecordChangeOutboxEntity } from './changeFeed/recordChangeOutbox.entity';
import { ExcludedDecisionEntity } from './record/excludedDecision.entity';
import { NameMismatchEntity } from './quality/nameMismatch.entity';
import { RecordEntity } from './record/record.entity';
import { RevisionEntity } from './record/revision.entity';
import { SubmissionEntity } from './submission/submission.entity';
import { migrations } from './migrations';
import { TALLY_ENTITIES } from './aggregates/tallyMaintenance';
import { ImportJobEntity, ImportRejectEntity } from './import/importJob.entity';

/** Everything this subgraph stores, and the migrations that create it on MySQL. */
export const ENTITIES = [
  RecordEntity,
  RevisionEntity,
  ExcludedDecisionEntity,
  SubmissionEntity,
  NameMismatchEntity,
  ...TALLY_ENTITIES,
  RecordChangeOutboxEntity,
  ImportJobEntity,
  ImportRejectEntity,
  AuditEntry,
];
export const MIGRATIONS = migrations;
export const SERVICE_NAME = 'records';

/** The records database as the command-line tools open it (import, checks): the same as the service's. */
export const openRecordsDatabase = (env: RecordsEnv): Promise<DataSource> =>
  openDatabase({
    service: SERVICE_NAME,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    dbUrl: env.DB_URL,
    dataDir: env.DATA_DIR,
    poolSize: env.DB_POOL_SIZE,
  });

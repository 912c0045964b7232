import { AuditEntry, openDatabase } from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { EntitiesEnv } from './env';
import { CommitmentEntity } from './commitment/commitment.entity';
import { CommitmentBreachOutboxEntity } from './commitment/breachOutbox.entity';
import { DomainEntity } from './domain/domain.entity';
import { SourceUnitEntity } from './sourceUnit/sourceUnit.entity';
import { ServiceGuideEntity } from './guides/guide.entity';
import { SubjectEntity } from './subject/subject.entity';
import { SubstitutionMatterEntity, SubstitutionMatterRevisionEntity } from './substitution/substitution.entity';
import { WorkingCalendarRevisionEntity, WorkingCalendarYearEntity } from './workingCalendar/workingCalendar.entity';
import { migrations } from './migrations';

/** Everything this subgraph stores, and the migrations that create it on MySQL. */
export const ENTITIES = [
  SubjectEntity,
  DomainEntity,
  SourceUnitEntity,
  CommitmentEntity,
  CommitmentBreachOutboxEntity,
  SubstitutionMatterEntity,
  SubstitutionMatterRevisionEntity,
  ServiceGuideEntity,
  WorkingCalendarYearEntity,
  WorkingCalendarRevisionEntity,
  AuditEntry,
];
export const MIGRATIONS = migrations;
export const SERVICE_NAME = 'entities';

/**
 * The entities database as the command-line tools open it (export:national): the same as the
 * service's. `asIs` (read-only tools): as it stands, with the service account, migrating nothing.
 */
export const openEntitiesDatabase = (env: EntitiesEnv, opts: { asIs?: boolean } = {}): Promise<DataSource> =>
  openDatabase({
    service: SERVICE_NAME,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    dbUrl: env.DB_URL,
    dataDir: env.DATA_DIR,
    poolSize: env.DB_POOL_SIZE,
    // A read-only tool runs with the service account, which may neither create nor migrate a schema.
    applyMigrations: opts.asIs ? false : undefined,
  });

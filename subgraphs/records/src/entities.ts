import { AuditEntry } from '@credit/shared';
import { ExcludedDecisionEntity } from './record/excludedDecision.entity';
import { NameMismatchEntity } from './quality/nameMismatch.entity';
import { RecordEntity } from './record/record.entity';
import { RevisionEntity } from './record/revision.entity';
import { SubmissionEntity } from './submission/submission.entity';
import { migrations } from './migrations';

/** Everything this subgraph stores, and the migrations that create it on MySQL. */
export const ENTITIES = [
  RecordEntity,
  RevisionEntity,
  ExcludedDecisionEntity,
  SubmissionEntity,
  NameMismatchEntity,
  AuditEntry,
];
export const MIGRATIONS = migrations;
export const SERVICE_NAME = 'records';

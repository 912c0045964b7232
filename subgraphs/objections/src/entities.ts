import { AuditEntry } from '@credit/shared';
import { ObjectionHandlingTallyEntity, ObjectionTallyEntity } from './aggregates/objectionTally.entity';
import { EvidenceChunkEntity, EvidenceEntity } from './evidence/evidence.entity';
import { FeedbackCounterEntity, FeedbackEntity, FeedbackEventEntity } from './feedback/feedback.entity';
import { migrations } from './migrations';
import { ObjectionEntity } from './objection/objection.entity';
import { ObjectionCounterEntity } from './filing/objectionCounter.entity';
import { OutboxEntity } from './outbox/outbox.entity';
import { ObjectionEventEntity } from './workflow/objectionEvent.entity';

/** Everything this subgraph stores, and the migrations that create it on MySQL. */
export const ENTITIES = [
  ObjectionEntity,
  ObjectionEventEntity,
  ObjectionCounterEntity,
  EvidenceEntity,
  EvidenceChunkEntity,
  OutboxEntity,
  FeedbackEntity,
  FeedbackEventEntity,
  FeedbackCounterEntity,
  ObjectionTallyEntity,
  ObjectionHandlingTallyEntity,
  AuditEntry,
];
export const MIGRATIONS = migrations;
export const SERVICE_NAME = 'objections';

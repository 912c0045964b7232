import { AuditEntry } from '@credit/shared';
import { CommitmentEntity } from './commitment/commitment.entity';
import { DomainEntity } from './domain/domain.entity';
import { SourceUnitEntity } from './sourceUnit/sourceUnit.entity';
import { SubjectEntity } from './subject/subject.entity';
import { migrations } from './migrations';

/** Everything this subgraph stores, and the migrations that create it on MySQL. */
export const ENTITIES = [SubjectEntity, DomainEntity, SourceUnitEntity, CommitmentEntity, AuditEntry];
export const MIGRATIONS = migrations;
export const SERVICE_NAME = 'entities';

import { PageInfo, RecordsApi } from '@credit/shared';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectionStatus, ObjectionType } from './objectionStatus';

/** What an upheld objection does to its record: exactly the actions records' internal API applies. */
export const ObjectionCorrectionAction = RecordsApi.CorrectionAction;
export type ObjectionCorrectionAction = RecordsApi.CorrectionAction;
registerEnumType(ObjectionCorrectionAction, {
  name: 'ObjectionCorrectionAction',
  description:
    'CORRECT: change fields of the record; REVOKE: the record should not exist; REPAIR: the record is repaired (已修复)',
});

@ObjectType({ description: 'One step of an objection: who did what, in which role, when, with which note' })
export class ObjectionEvent {
  @Field(() => Int)
  seq: number;

  @Field({
    description:
      'FILE, ACCEPT, FORWARD, REFUSE, REASSIGN, START_REVIEW, UPHOLD, REJECT, CLOSE, WITHDRAW, CORRECTION_APPLIED',
  })
  action: string;

  @Field(() => ObjectionStatus, { nullable: true })
  fromStatus: ObjectionStatus | null;

  @Field(() => ObjectionStatus)
  toStatus: ObjectionStatus;

  @Field({ description: "Who acted; a natural person's ID is masked for callers who may not see it" })
  actor: string;

  @Field()
  role: string;

  @Field({ description: 'ISO 8601 instant' })
  at: string;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType({ description: 'An evidence attachment (its bytes through `contentBase64`)' })
export class EvidenceAttachment {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  contentType: string;

  @Field(() => Int, { description: 'Bytes' })
  size: number;

  @Field({ description: 'Hex SHA-256 of the content' })
  sha256: string;
}

@ObjectType()
export class CorrectionChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'New value as text (lists joined with ";")' })
  value: string | null;
}

@ObjectType({ description: 'The correction decided by the unit when it upheld the objection' })
export class ObjectionCorrection {
  @Field(() => ObjectionCorrectionAction)
  action: ObjectionCorrectionAction;

  @Field()
  reason: string;

  @Field(() => [CorrectionChange])
  changes: CorrectionChange[];

  @Field({ description: 'True once the records subgraph confirmed the new revision' })
  applied: boolean;

  @Field(() => String, { nullable: true })
  appliedAt: string | null;

  @Field(() => Int, { nullable: true, description: "The record's version after the correction" })
  recordVersion: number | null;
}

/** A violation record owned by records; objections contributes `objections`. */
@Directive('@key(fields: "id")')
@ObjectType('ViolationRecord')
export class ViolationRecordRef {
  @Field(() => ID)
  id: string;
}

/** A subject owned by entities; objections contributes `objections`. */
@Directive('@key(fields: "creditCode")')
@ObjectType('Subject')
export class SubjectRef {
  @Field(() => ID)
  creditCode: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An objection (异议) to a violation record, with its workflow, deadlines and result' })
export class Objection {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Human-friendly number, e.g. GZYY-2026-000042' })
  number: string;

  @Field(() => ObjectionType)
  type: ObjectionType;

  @Field(() => ObjectionStatus)
  status: ObjectionStatus;

  @Field(() => ID)
  recordId: string;

  @Field({ description: "The subject's credit code; a natural person's ID is masked for callers who may not see it" })
  creditCode: string;

  @Field()
  domainCode: string;

  @Field({ description: 'The source unit handling it (the one that submitted the record unless reassigned)' })
  unitCode: string;

  @Field()
  reason: string;

  @Field({ description: 'ISO 8601 instant' })
  filedAt: string;

  @Field({ description: 'YYYY-MM-DD: the lead department must accept or refuse by this day' })
  acceptDueDate: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the unit must decide by this day (once forwarded)' })
  reviewDueDate: string | null;

  @Field(() => String, { nullable: true, description: 'The due date of the current step; null once decided' })
  dueDate: string | null;

  @Field({ description: 'The current step is past its due date' })
  overdue: boolean;

  @Field(() => String, { nullable: true })
  refusalReason: string | null;

  @Field(() => String, { nullable: true, description: "The unit's explanation of its decision" })
  explanation: string | null;

  @Field(() => ObjectionCorrection, { nullable: true })
  correction: ObjectionCorrection | null;

  @Field(() => String, { nullable: true })
  decidedAt: string | null;

  @Field(() => String, { nullable: true })
  closedAt: string | null;

  @Field({ description: 'True when personal fields are masked for the caller' })
  masked: boolean;
}

@ObjectType()
export class ObjectionEdge {
  @Field()
  cursor: string;

  @Field(() => Objection)
  node: Objection;
}

@ObjectType()
export class ObjectionConnection {
  @Field(() => [ObjectionEdge])
  edges: ObjectionEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: 'An effect on the records subgraph that has not been delivered (yet)' })
export class ObjectionEffect {
  @Field(() => Int)
  id: number;

  @Field(() => ID)
  objectionId: string;

  @Field({ description: 'MARK, CLEAR or APPLY_CORRECTION' })
  kind: string;

  @Field({ description: 'PENDING, DELIVERED or FAILED' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  nextAttemptAt: string;

  @Field(() => String, { nullable: true })
  deliveredAt: string | null;
}

import { PageInfo } from '@credit/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ObjectionCorrection } from '../correction/correction.type';
import { ObjectionStatus, ObjectionType } from './objectionStatus';

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

  @Field({
    description:
      'The due date lies beyond the years the working-day calendar knows (暂定): it moves when the year is set and is never overdue till then',
  })
  dueDateProvisional: boolean;

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

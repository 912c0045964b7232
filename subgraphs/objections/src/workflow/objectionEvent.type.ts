import { Field, Int, ObjectType } from 'type-graphql';
import { ObjectionStatus } from '../objection/objectionStatus';

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

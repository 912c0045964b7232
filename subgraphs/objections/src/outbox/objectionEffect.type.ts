import { Field, ID, Int, ObjectType } from 'type-graphql';

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

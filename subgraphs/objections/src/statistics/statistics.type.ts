import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ObjectionCount {
  @Field({ description: 'The status, type, unit code or month (YYYY-MM) counted' })
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Aggregates only: no subject, record or objection identity' })
export class ObjectionStatistics {
  @Field(() => String, { nullable: true, description: 'First month counted (YYYY-MM), by filing month' })
  fromMonth: string | null;

  @Field(() => String, { nullable: true })
  toMonth: string | null;

  @Field(() => Int)
  total: number;

  @Field(() => [ObjectionCount])
  byStatus: ObjectionCount[];

  @Field(() => [ObjectionCount])
  byType: ObjectionCount[];

  @Field(() => [ObjectionCount])
  byUnit: ObjectionCount[];

  @Field(() => [ObjectionCount])
  byMonth: ObjectionCount[];

  @Field(() => Int, { description: 'Objections decided (refused, upheld or rejected)' })
  decided: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median calendar days from filing to decision; null when none decided',
  })
  medianHandlingDays: number | null;

  @Field(() => Int, { description: 'Objections past the due date of their current step (today)' })
  overdue: number;

  @Field(() => [ObjectionCount], { description: 'Overdue objections per unit' })
  overdueByUnit: ObjectionCount[];
}

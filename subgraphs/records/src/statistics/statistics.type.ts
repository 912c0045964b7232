import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A count of records under one key (a domain, region, category or month); never a subject' })
export class StatisticsBucket {
  @Field()
  key: string;

  @Field(() => Int)
  records: number;

  @Field(() => Int)
  repaired: number;
}

@ObjectType({ description: 'Aggregate counts of records (effective and repaired) with a decision date in the period' })
export class RecordStatistics {
  @Field({ description: 'The effective start: as asked, but no earlier than 2020-01-01 (shared period rule)' })
  from: string;

  @Field({ description: 'The effective end: as asked, but no later than today (shared period rule)' })
  to: string;

  @Field(() => Int)
  records: number;

  @Field(() => Int)
  repaired: number;

  @Field(() => [StatisticsBucket])
  byDomain: StatisticsBucket[];

  @Field(() => [StatisticsBucket])
  byRegion: StatisticsBucket[];

  @Field(() => [StatisticsBucket])
  byCategory: StatisticsBucket[];

  @Field(() => [StatisticsBucket], { description: 'Key YYYY-MM' })
  byMonth: StatisticsBucket[];
}

import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Records of one domain in a period' })
export class DomainRecordCount {
  @Field()
  domainCode: string;

  @Field(() => Int, { description: 'Records (effective and repaired) with a decision date in the period' })
  records: number;

  @Field(() => Int, { description: 'Of those, repaired (已修复)' })
  repaired: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Per domain, how many records a subject has in a period (domains without records are omitted)',
})
export class RecordSummary {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => Int)
  records: number;

  @Field(() => Int)
  repaired: number;

  @Field(() => [DomainRecordCount])
  domains: DomainRecordCount[];
}

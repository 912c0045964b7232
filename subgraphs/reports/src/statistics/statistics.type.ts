import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ReportCount {
  @Field({ description: 'Scenario, channel, month (YYYY-MM, China time) or region code' })
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Issued reports counted, never listed: no subject appears here' })
export class ReportStatistics {
  @Field({ description: 'The effective start: as asked, but no earlier than 2020-01-01 (shared period rule)' })
  from: string;

  @Field({ description: 'The effective end: as asked, but no later than today (shared period rule)' })
  to: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  revoked: number;

  @Field(() => [ReportCount])
  byScenario: ReportCount[];

  @Field(() => [ReportCount])
  byChannel: ReportCount[];

  @Field(() => [ReportCount])
  byMonth: ReportCount[];

  @Field(() => [ReportCount], { description: "By the subject's region at issuance" })
  byRegion: ReportCount[];

  @Field(() => Int, {
    description: 'Successful verifications of authentic reports in the period (by day of verification)',
  })
  verified: number;

  @Field(() => [ReportCount], { description: "Verifications in the period by the report's scenario" })
  verifiedByScenario: ReportCount[];

  @Field(() => [ReportCount], { description: "Verifications in the period by the report's channel" })
  verifiedByChannel: ReportCount[];
}

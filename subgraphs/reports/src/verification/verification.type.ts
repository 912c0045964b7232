import { Field, ObjectType } from 'type-graphql';
import { ReportDomain, ReportStatus } from '../report/report.type';
import { ReportChannel, ReportScenario } from '../report/snapshot';

@ObjectType({ description: 'The answer to verifyReport: is this report authentic, and what does it say' })
export class ReportVerification {
  @Field({ description: 'Hash and Ed25519 signature of the stored snapshot check out' })
  authentic: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is not authentic' })
  problem: string | null;

  @Field()
  number: string;

  @Field(() => ReportStatus)
  status: ReportStatus;

  @Field()
  issuedAt: string;

  @Field({ description: "A natural person's name is masked unless the caller may read the report" })
  subjectName: string;

  @Field()
  creditCode: string;

  @Field(() => ReportScenario)
  scenario: ReportScenario;

  @Field(() => ReportChannel)
  channel: ReportChannel;

  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field()
  coverageFrom: string;

  @Field(() => [ReportDomain], {
    description: 'Per-domain outcome; empty when not authentic; records only for those allowed',
  })
  domains: ReportDomain[];

  @Field(() => String, { nullable: true })
  revokedAt: string | null;

  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  @Field()
  keyId: string;

  @Field()
  sha256: string;

  @Field({ description: 'True when record details are included for the caller' })
  detailsVisible: boolean;
}

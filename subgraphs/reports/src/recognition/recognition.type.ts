import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: "Another province's report, checked against its trusted key and recorded for local departments",
})
export class ExternalReportRecognition {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Region code of the issuing province' })
  issuerProvince: string;

  @Field()
  keyId: string;

  @Field()
  externalNumber: string;

  @Field()
  creditCode: string;

  @Field()
  subjectName: string;

  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field()
  sha256: string;

  @Field()
  recognizedAt: string;
}

@ObjectType()
export class RecognitionResult {
  @Field({ description: 'True when the signature checked out against a trusted key and the recognition is recorded' })
  recognized: boolean;

  @Field(() => String, { nullable: true, description: 'Why not' })
  problem: string | null;

  @Field(() => ExternalReportRecognition, { nullable: true })
  recognition: ExternalReportRecognition | null;
}

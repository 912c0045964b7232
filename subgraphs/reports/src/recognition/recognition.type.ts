import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

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

export enum RecognitionWarningCode {
  NAME_MISMATCH = 'NAME_MISMATCH',
}
registerEnumType(RecognitionWarningCode, {
  name: 'RecognitionWarningCode',
  valuesConfig: {
    NAME_MISMATCH: { description: "the report names its subject otherwise than this province's register" },
  },
});

@ObjectType({ description: 'Recognised all the same, but worth a look (as imports list a record whose name differs)' })
export class RecognitionWarning {
  @Field(() => RecognitionWarningCode)
  code: RecognitionWarningCode;

  @Field({ description: 'The field at fault, e.g. subjectName' })
  field: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'NAME_MISMATCH: the name the credit code is registered under' })
  registeredName: string | null;
}

@ObjectType()
export class RecognitionResult {
  @Field({ description: 'True when the signature checked out against a trusted key and the recognition is recorded' })
  recognized: boolean;

  @Field(() => String, { nullable: true, description: 'Why not' })
  problem: string | null;

  @Field(() => ExternalReportRecognition, { nullable: true })
  recognition: ExternalReportRecognition | null;

  @Field(() => [RecognitionWarning], {
    description: 'Checks against the register; empty when the register could not be read',
  })
  warnings: RecognitionWarning[];
}

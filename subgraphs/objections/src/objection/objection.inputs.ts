import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ObjectionCorrectionAction } from './objection.type';
import { ObjectionStatus, ObjectionType } from './objectionStatus';

@InputType({
  description: 'An evidence attachment, base64-encoded; `sha256` (hex), when given, must match the content',
})
export class EvidenceInput {
  @Field()
  name: string;

  @Field({ description: 'application/pdf, image/jpeg, image/png or text/plain' })
  contentType: string;

  @Field()
  contentBase64: string;

  @Field(() => String, { nullable: true })
  sha256?: string | null;
}

@InputType()
export class FileObjectionInput {
  @Field(() => ID)
  recordId: string;

  @Field(() => ObjectionType, { defaultValue: ObjectionType.RECORD_ERROR })
  type: ObjectionType;

  @Field({ description: 'What is wrong, or what should be explained (at most 2,000 characters)' })
  reason: string;

  @Field(() => String, {
    nullable: true,
    description: 'OPERATOR only: the subject present at the window, on whose behalf the objection is filed',
  })
  creditCode?: string | null;

  @Field(() => [EvidenceInput], { nullable: true })
  evidence?: EvidenceInput[] | null;
}

@InputType({
  description:
    'CORRECT: fields of the record to change (only those given change); forwarded to the records subgraph, which checks the corrected record like a submission',
})
export class ObjectionRecordChangesInput {
  @Field(() => String, {
    nullable: true,
    description: 'ADMINISTRATIVE_PENALTY, ADMINISTRATIVE_COERCION, SERIOUS_DISHONESTY_LIST or CRIMINAL_JUDGMENT',
  })
  category?: string | null;
  @Field(() => Boolean, { nullable: true }) simplifiedProcedure?: boolean | null;
  @Field(() => String, { nullable: true }) domainCode?: string | null;
  @Field(() => String, { nullable: true }) subjectName?: string | null;
  @Field(() => String, { nullable: true }) violationType?: string | null;
  @Field(() => String, { nullable: true }) facts?: string | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => [String], { nullable: true }) penaltyTypes?: string[] | null;
  @Field(() => String, { nullable: true }) penaltyContent?: string | null;
  @Field(() => String, { nullable: true, description: 'Yuan, e.g. "2000.00"' }) fineAmount?: string | null;
  @Field(() => String, { nullable: true, description: 'Yuan' }) confiscatedAmount?: string | null;
  @Field(() => String, { nullable: true, description: 'SUSPENDED or REVOKED' }) licenceAction?: string | null;
  @Field(() => String, { nullable: true }) licenceDetail?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) decisionDate?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) effectiveUntil?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) publicityDeadline?: string | null;
  @Field(() => String, { nullable: true }) decidingAuthority?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { nullable: true }) remarks?: string | null;
}

@InputType()
export class ObjectionCorrectionInput {
  @Field(() => ObjectionCorrectionAction)
  action: ObjectionCorrectionAction;

  @Field({
    description: 'Why the record is corrected, revoked or repaired (shown in its history; for REPAIR the repair basis)',
  })
  reason: string;

  @Field(() => ObjectionRecordChangesInput, { nullable: true, description: 'CORRECT only' })
  changes?: ObjectionRecordChangesInput | null;
}

export enum ObjectionOutcome {
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
}
registerEnumType(ObjectionOutcome, { name: 'ObjectionOutcome' });

@InputType({ description: "The unit's decision: UPHELD (with the correction) or REJECTED, always with an explanation" })
export class ResolveObjectionInput {
  @Field(() => ID)
  id: string;

  @Field(() => ObjectionOutcome)
  outcome: ObjectionOutcome;

  @Field()
  explanation: string;

  @Field(() => ObjectionCorrectionInput, {
    nullable: true,
    description: 'Required to uphold a RECORD_ERROR or REPAIR_RESULT objection',
  })
  correction?: ObjectionCorrectionInput | null;
}

@InputType()
export class ObjectionFilter {
  @Field(() => ObjectionStatus, { nullable: true })
  status?: ObjectionStatus | null;

  @Field(() => ObjectionType, { nullable: true })
  type?: ObjectionType | null;

  @Field(() => String, { nullable: true, description: 'LEAD_DEPARTMENT only; a unit always sees its own' })
  unitCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those past the due date of their current step' })
  overdue?: boolean | null;
}

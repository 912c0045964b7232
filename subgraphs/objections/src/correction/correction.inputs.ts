import { declarePlainRecordFields, type PlainRowFields } from '@credit/shared';
import { Field, InputType } from 'type-graphql';
import { ObjectionCorrectionAction } from './correction.type';

@InputType({
  description:
    'CORRECT: fields of the record to change (only those given change); forwarded to the records subgraph, which checks the corrected record like a submission',
})
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
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
}
// The field table's plain fields an objection may correct, typed by the interface below.
declarePlainRecordFields(ObjectionRecordChangesInput, 'input', (f) => f.correctable);
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class's fields from the table
export interface ObjectionRecordChangesInput extends PlainRowFields {}

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

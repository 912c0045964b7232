import { declarePlainRecordFields, type PlainRowFields } from '@credit/shared';
import { Directive, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { LicenceAction, RecordCategory } from '../record/record.type';

export enum CorrectionAction {
  CORRECT = 'CORRECT',
  REVOKE = 'REVOKE',
  REPAIR = 'REPAIR',
}
registerEnumType(CorrectionAction, {
  name: 'CorrectionAction',
  description: 'What an upheld objection does to the record',
});

@Directive('@inaccessible')
@InputType({ description: 'Fields an upheld objection corrects; absent fields stay as they are' })
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class RecordChangesInput {
  @Field(() => RecordCategory, { nullable: true })
  category?: RecordCategory | null;

  @Field(() => Boolean, { nullable: true })
  simplifiedProcedure?: boolean | null;

  @Field(() => String, { nullable: true })
  domainCode?: string | null;

  @Field(() => String, { nullable: true })
  subjectName?: string | null;

  @Field(() => String, { nullable: true })
  violationType?: string | null;

  @Field(() => String, { nullable: true })
  facts?: string | null;

  @Field(() => String, { nullable: true })
  legalBasis?: string | null;

  @Field(() => [String], { nullable: true })
  penaltyTypes?: string[] | null;

  @Field(() => String, { nullable: true })
  penaltyContent?: string | null;

  @Field(() => String, { nullable: true })
  fineAmount?: string | null;

  @Field(() => String, { nullable: true })
  confiscatedAmount?: string | null;

  @Field(() => LicenceAction, { nullable: true })
  licenceAction?: LicenceAction | null;

  @Field(() => String, { nullable: true })
  licenceDetail?: string | null;

  @Field(() => String, { nullable: true })
  decisionDate?: string | null;

  @Field(() => String, { nullable: true })
  effectiveUntil?: string | null;

  @Field(() => String, { nullable: true })
  publicityDeadline?: string | null;

  @Field(() => String, { nullable: true })
  decidingAuthority?: string | null;

  @Field(() => String, { nullable: true })
  regionCode?: string | null;
}
// The field table's plain fields an objection may correct, typed by the interface below.
declarePlainRecordFields(RecordChangesInput, 'input', (f) => f.correctable);
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class's fields from the table
export interface RecordChangesInput extends PlainRowFields {}

@Directive('@inaccessible')
@InputType({ description: 'A correction from an upheld objection (internal, SERVICE only)' })
export class CorrectionInput {
  @Field(() => ID)
  recordId: string;

  @Field({ description: 'Idempotency key: a second call with the same objection applies nothing' })
  objectionId: string;

  @Field(() => CorrectionAction)
  action: CorrectionAction;

  @Field()
  reason: string;

  @Field(() => RecordChangesInput, { nullable: true, description: 'For CORRECT' })
  changes?: RecordChangesInput | null;
}

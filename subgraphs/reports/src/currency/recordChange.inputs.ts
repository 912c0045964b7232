import { Directive, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

/** How a record an issued report covers changed after issuance. */
export enum RecordChangeKind {
  CORRECTED = 'CORRECTED',
  REVOKED = 'REVOKED',
  REPAIRED = 'REPAIRED',
  ADDED_LATE = 'ADDED_LATE',
  UNDER_OBJECTION = 'UNDER_OBJECTION',
}
registerEnumType(RecordChangeKind, {
  name: 'RecordChangeKind',
  description:
    'CORRECTED (objection upheld or unit correction), REVOKED (record revoked), REPAIRED (已修复 after issuance), ADDED_LATE (decided inside the period, submitted after issuance), UNDER_OBJECTION (an objection accepted against it)',
});

@Directive('@inaccessible')
@InputType({ description: "A change to a record, as records' outbox publishes it (internal API)" })
export class RecordChangeInput {
  @Field(() => ID)
  recordId: string;

  @Field(() => Int, { description: "The record's version after the change: (recordId, version) names the change" })
  version: number;

  @Field(() => RecordChangeKind)
  kind: RecordChangeKind;

  @Field({ description: 'ISO 8601 instant of the change' })
  at: string;

  @Field()
  creditCode: string;

  @Field()
  domainCode: string;

  @Field()
  decisionDate: string;

  @Field()
  decisionNumber: string;

  @Field(() => String, { nullable: true, description: 'Before the change, when the change moved the record' })
  previousDomainCode?: string | null;

  @Field(() => String, { nullable: true })
  previousDecisionDate?: string | null;

  @Field(() => String, { nullable: true, description: 'JSON {field: [before, after]} of what changed' })
  changes?: string | null;
}

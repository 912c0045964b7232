import { Field, Int, ObjectType } from 'type-graphql';
import { RecordChangeKind } from './recordChange.inputs';

@ObjectType({ description: 'Changes since issuance to the records a report covers: facts any verifier may see' })
export class ReportChanges {
  @Field({ description: 'ISO 8601 instant of the first change' })
  firstChangedAt: string;

  @Field({ description: 'Its day (China calendar, YYYY-MM-DD)' })
  firstChangedOn: string;

  @Field(() => Int)
  corrected: number;

  @Field(() => Int)
  revoked: number;

  @Field(() => Int)
  repaired: number;

  @Field(() => Int)
  addedLate: number;

  @Field(() => Int)
  underObjection: number;

  @Field(() => Int)
  total: number;
}

@ObjectType({ description: 'One field a change altered' })
export class RecordFieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'As JSON text (a string, a number, a list or null)' })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType({ description: 'A change to one record a report covers (owner and report users it authorised)' })
export class ReportRecordChange {
  @Field()
  recordId: string;

  @Field()
  decisionNumber: string;

  @Field()
  domainCode: string;

  @Field()
  decisionDate: string;

  @Field(() => RecordChangeKind)
  kind: RecordChangeKind;

  @Field({ description: 'ISO 8601 instant' })
  at: string;

  @Field(() => [RecordFieldChange], { description: 'Old -> new; empty for a record added late' })
  fields: RecordFieldChange[];
}

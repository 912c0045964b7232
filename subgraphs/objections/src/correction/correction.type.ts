import { RecordsApi } from '@credit/shared';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What an upheld objection does to its record: exactly the actions records' internal API applies. */
export const ObjectionCorrectionAction = RecordsApi.CorrectionAction;
export type ObjectionCorrectionAction = RecordsApi.CorrectionAction;
registerEnumType(ObjectionCorrectionAction, {
  name: 'ObjectionCorrectionAction',
  description:
    'CORRECT: change fields of the record; REVOKE: the record should not exist; REPAIR: the record is repaired (已修复)',
});

@ObjectType()
export class CorrectionChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'New value as text (lists joined with ";")' })
  value: string | null;
}

@ObjectType({ description: 'The correction decided by the unit when it upheld the objection' })
export class ObjectionCorrection {
  @Field(() => ObjectionCorrectionAction)
  action: ObjectionCorrectionAction;

  @Field()
  reason: string;

  @Field(() => [CorrectionChange])
  changes: CorrectionChange[];

  @Field({ description: 'True once the records subgraph confirmed the new revision' })
  applied: boolean;

  @Field(() => String, { nullable: true })
  appliedAt: string | null;

  @Field(() => Int, { nullable: true, description: "The record's version after the correction" })
  recordVersion: number | null;
}

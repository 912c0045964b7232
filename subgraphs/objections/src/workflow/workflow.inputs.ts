import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ObjectionCorrectionInput } from '../correction/correction.inputs';

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

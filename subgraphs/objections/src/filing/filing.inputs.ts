import { Field, ID, InputType } from 'type-graphql';
import { EvidenceInput } from '../evidence/evidence.inputs';
import { ObjectionType } from '../objection/objectionStatus';

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

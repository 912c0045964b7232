import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A violation record owned by records; objections contributes `objections`. */
@Directive('@key(fields: "id")')
@ObjectType('ViolationRecord')
export class ViolationRecordRef {
  @Field(() => ID)
  id: string;
}

/** `_entities` lookups of a record: its representation is all objections needs. */
export const violationRecordReference = {
  ViolationRecord: {
    __resolveReference(ref: { id: string }): ViolationRecordRef {
      return { id: ref.id };
    },
  },
};

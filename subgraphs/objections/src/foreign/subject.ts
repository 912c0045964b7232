import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A subject owned by entities; objections contributes `objections`. */
@Directive('@key(fields: "creditCode")')
@ObjectType('Subject')
export class SubjectRef {
  @Field(() => ID)
  creditCode: string;
}

/** `_entities` lookups of a subject: its representation is all objections needs. */
export const subjectReference = {
  Subject: {
    __resolveReference(ref: { creditCode: string }): SubjectRef {
      return { creditCode: ref.creditCode };
    },
  },
};

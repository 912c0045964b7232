import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "creditCode")')
@ObjectType('Subject', { description: 'A credit subject (owned by entities); reports contributes its reports' })
export class SubjectRef {
  @Field(() => ID)
  creditCode: string;
}

/** `_entities` lookups of a subject: the key is all reports needs; entities owns the rest. */
export const subjectReference = {
  Subject: {
    __resolveReference(ref: { creditCode: string }): SubjectRef {
      return { creditCode: ref.creditCode };
    },
  },
};

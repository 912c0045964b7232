import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The entities-owned subject; records contributes its history (`records`, `recordSummary`). */
@Directive('@key(fields: "creditCode")')
@ObjectType('Subject')
export class SubjectRef {
  @Field(() => ID)
  creditCode: string;
}

/** The gateway sends subjects by key; records needs nothing but the key (access is checked per field). */
export const subjectReference = {
  Subject: {
    __resolveReference(ref: { creditCode: string }): SubjectRef {
      return Object.assign(new SubjectRef(), { creditCode: ref.creditCode });
    },
  },
};

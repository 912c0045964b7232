import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** What a subgraph other than entities holds of a subject: its key. */
export interface SubjectKey {
  creditCode: string;
}

/**
 * The entities-owned `Subject` as records, reports and objections extend it: the key type they
 * add fields to, and the `_entities` lookup that answers the key (access is checked per field).
 * Made on call, so that a subgraph which does not extend Subject (entities owns it) registers no
 * second `Subject` type.
 */
export function subjectStandIn(description?: string): {
  SubjectRef: new () => SubjectKey;
  subjectReference: { Subject: { __resolveReference(ref: SubjectKey): SubjectKey } };
} {
  @Directive('@key(fields: "creditCode")')
  @ObjectType('Subject', description ? { description } : {})
  class SubjectRef implements SubjectKey {
    @Field(() => ID)
    creditCode!: string;
  }
  return {
    SubjectRef,
    subjectReference: {
      Subject: {
        __resolveReference: (ref) => Object.assign(new SubjectRef(), { creditCode: ref.creditCode }),
      },
    },
  };
}

import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SubjectKind, SubjectStatus } from './subject.type';

@InputType({ description: 'A subject as registered by the lead department (or synced from the registry)' })
export class SubjectInput {
  @Field()
  creditCode: string;

  @Field(() => SubjectKind, {
    nullable: true,
    description: "Read from the credit code when omitted; given, it must be the code's (KIND_MISMATCH otherwise)",
  })
  kind?: SubjectKind | null;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  legalRepresentative?: string | null;

  @Field()
  regionCode: string;

  @Field(() => String, { nullable: true })
  registrationAuthority?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not in the future' })
  establishedOn?: string | null;

  @Field(() => SubjectStatus, { defaultValue: SubjectStatus.ACTIVE })
  status: SubjectStatus;
}

@InputType()
export class SubjectFilter {
  @Field(() => SubjectKind, { nullable: true })
  kind?: SubjectKind | null;

  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => SubjectStatus, { nullable: true })
  status?: SubjectStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name (at least 2 characters); required from an OPERATOR, who finds organisations only',
  })
  nameContains?: string | null;
}

export enum RowVerdict {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(RowVerdict, { name: 'SubjectRowVerdict' });

export enum SubjectRowReason {
  MISSING_FIELD = 'MISSING_FIELD',
  INVALID_CODE = 'INVALID_CODE',
  NOT_A_SUBJECT_CATEGORY = 'NOT_A_SUBJECT_CATEGORY',
  KIND_MISMATCH = 'KIND_MISMATCH',
  KIND_REQUIRED = 'KIND_REQUIRED',
  INVALID_VALUE = 'INVALID_VALUE',
  UNKNOWN_REGION = 'UNKNOWN_REGION',
  INVALID_DATE = 'INVALID_DATE',
  DUPLICATE_IN_BATCH = 'DUPLICATE_IN_BATCH',
}
registerEnumType(SubjectRowReason, {
  name: 'SubjectRowReason',
  valuesConfig: {
    NOT_A_SUBJECT_CATEGORY: {
      description: "the credit code's registration category (11 机关) is not a credit subject",
    },
    KIND_MISMATCH: { description: "the kind is not the credit code's registration category; `expected` names it" },
    KIND_REQUIRED: { description: 'the code is valid both as a credit code and as a resident ID: give the kind' },
  },
});

@ObjectType()
export class RowProblem {
  @Field({ description: 'Input field at fault, e.g. creditCode' })
  field: string;

  @Field(() => SubjectRowReason)
  code: SubjectRowReason;

  @Field()
  message: string;

  @Field(() => SubjectKind, { nullable: true, description: 'KIND_MISMATCH: the kind the credit code calls for' })
  expected?: SubjectKind | null;
}

@ObjectType()
export class SubjectRowResult {
  @Field(() => Int, { description: 'Position of the row in the request, from 0' })
  index: number;

  @Field()
  creditCode: string;

  @Field(() => RowVerdict)
  verdict: RowVerdict;

  @Field(() => [RowProblem])
  reasons: RowProblem[];
}

@ObjectType()
export class UpsertSubjectsPayload {
  @Field(() => [SubjectRowResult])
  results: SubjectRowResult[];

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  rejected: number;
}

import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SubjectKind, SubjectStatus } from './subject.type';

@InputType({ description: 'A subject as registered by the lead department (or synced from the registry)' })
export class SubjectInput {
  @Field()
  creditCode: string;

  @Field(() => SubjectKind)
  kind: SubjectKind;

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
}

export enum RowVerdict {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(RowVerdict, { name: 'SubjectRowVerdict' });

@ObjectType()
export class RowProblem {
  @Field({ description: 'Input field at fault, e.g. creditCode' })
  field: string;

  @Field()
  message: string;
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

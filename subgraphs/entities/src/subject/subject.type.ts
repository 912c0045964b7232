import { PageInfo } from '@credit/shared';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SubjectKind {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  FARMER_COOPERATIVE = 'FARMER_COOPERATIVE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  NATURAL_PERSON = 'NATURAL_PERSON',
}
registerEnumType(SubjectKind, { name: 'SubjectKind' });

export enum SubjectStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
  DEREGISTERED = 'DEREGISTERED',
}
registerEnumType(SubjectStatus, { name: 'SubjectStatus', description: '存续 / 停业 / 吊销 / 注销' });

@Directive('@key(fields: "creditCode")')
@ObjectType({
  description: 'A credit subject. Personal data is masked for everyone but the subject and the lead department.',
})
export class Subject {
  @Field(() => ID, {
    description: 'Unified social credit code (GB 32100) or, for a natural person, resident ID (GB 11643)',
  })
  creditCode: string;

  @Field(() => SubjectKind)
  kind: SubjectKind;

  @Field({ description: "Name; a natural person's name is masked for non-owners" })
  name: string;

  @Field(() => String, { nullable: true, description: 'Legal representative; masked for non-owners' })
  legalRepresentative: string | null;

  @Field({ description: 'GB/T 2260 region code' })
  regionCode: string;

  @Field(() => String, { nullable: true })
  registrationAuthority: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  establishedOn: string | null;

  @Field(() => SubjectStatus)
  status: SubjectStatus;

  @Field({ description: 'True when personal fields above are masked for the caller' })
  masked: boolean;
}

@ObjectType()
export class SubjectEdge {
  @Field()
  cursor: string;

  @Field(() => Subject)
  node: Subject;
}

@ObjectType()
export class SubjectConnection {
  @Field(() => [SubjectEdge])
  edges: SubjectEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

import { PageInfo } from '@credit/shared';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The values of the shared SUBJECT_KINDS: a credit code's kind is its GB 32100 registration category. */
export enum SubjectKind {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  FARMER_COOPERATIVE = 'FARMER_COOPERATIVE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  PRIVATE_NON_ENTERPRISE = 'PRIVATE_NON_ENTERPRISE',
  FOUNDATION = 'FOUNDATION',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  OTHER_ORGANIZATION = 'OTHER_ORGANIZATION',
  NATURAL_PERSON = 'NATURAL_PERSON',
}
registerEnumType(SubjectKind, {
  name: 'SubjectKind',
  description: 'Read from the credit code (GB 32100 registration category); a resident ID is a natural person',
  valuesConfig: {
    ENTERPRISE: { description: '企业 (91)' },
    INDIVIDUAL_BUSINESS: { description: '个体工商户 (92)' },
    FARMER_COOPERATIVE: { description: '农民专业合作社 (93)' },
    SOCIAL_ORGANIZATION: { description: '社会团体 (51; 13 群众团体)' },
    PRIVATE_NON_ENTERPRISE: { description: '民办非企业单位 / 社会服务机构 (52)' },
    FOUNDATION: { description: '基金会 (53)' },
    PUBLIC_INSTITUTION: { description: '事业单位 (12; A1 军队事业单位)' },
    OTHER_ORGANIZATION: {
      description:
        '其他组织: 律师事务所、公证处、宗教活动场所、基层工会、农村集体经济组织等 (19, 2x-8x, 59, A9, Nx, Y1)',
    },
    NATURAL_PERSON: { description: '自然人 (resident ID)' },
  },
});

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

import { PageInfo } from '@credit/shared';
import { Field, ObjectType } from 'type-graphql';
import { SubjectKind, SubjectStatus } from '../subject/subject.type';

@ObjectType({
  description:
    'The basic information of an out-of-province subject active in Guizhou, with the minimal fields of the national data standard (法人和非法人组织基础信息)',
})
export class NationalSubject {
  @Field({ description: '统一社会信用代码' })
  creditCode: string;

  @Field({ description: '名称' })
  name: string;

  @Field(() => SubjectKind, { description: '主体类型' })
  kind: SubjectKind;

  @Field(() => String, { nullable: true, description: '法定代表人（负责人）, masked (个人信息最小化)' })
  legalRepresentative: string | null;

  @Field({ description: 'Registration region (登记管理机关行政区划码), from the credit code: outside 52xxxx' })
  registrationRegionCode: string;

  @Field({ description: 'The Guizhou region where the subject is registered with this platform' })
  guizhouRegionCode: string;

  @Field(() => String, { nullable: true, description: '登记管理机关' })
  registrationAuthority: string | null;

  @Field(() => String, { nullable: true, description: '成立日期 YYYY-MM-DD' })
  establishedOn: string | null;

  @Field(() => SubjectStatus, { description: '登记状态' })
  status: SubjectStatus;

  @Field({ description: 'ISO 8601 time of the last change on this platform' })
  updatedAt: string;
}

@ObjectType()
export class NationalSubjectEdge {
  @Field()
  cursor: string;

  @Field(() => NationalSubject)
  node: NationalSubject;
}

@ObjectType({ description: 'Oldest change first: a reader resumes with changedSince or the last cursor' })
export class NationalSubjectConnection {
  @Field(() => [NationalSubjectEdge])
  edges: NationalSubjectEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

import {
  declarePlainRecordFields,
  LicenceAction,
  PageInfo,
  RecordCategory,
  RecordStatus,
  RecordSubjectType,
  type PlainContentFields,
} from '@credit/shared';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

// The record enums are the field table's (shared/src/contracts/recordFields.ts), registered here under their GraphQL names.
export { LicenceAction, RecordCategory, RecordStatus, RecordSubjectType };
registerEnumType(RecordCategory, {
  name: 'RecordCategory',
  description: '行政处罚 / 行政强制 / 严重失信主体名单 / 刑事裁判',
});
registerEnumType(RecordStatus, {
  name: 'RecordStatus',
  description: 'EFFECTIVE; REPAIRED (已修复, still shown, labelled); REVOKED (no longer a record)',
});
registerEnumType(RecordSubjectType, {
  name: 'RecordSubjectType',
  description: '行政相对人类别: 法人及非法人组织 / 个体工商户 / 自然人',
});
registerEnumType(LicenceAction, { name: 'LicenceAction', description: '暂扣 / 吊销证照' });

@ObjectType({ description: 'One field changed by a revision' })
export class FieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType({ description: 'One change of a record: nothing is ever overwritten without one' })
export class RecordRevision {
  @Field(() => Int, { description: '1 for the creation, then one more per change' })
  seq: number;

  @Field({ description: 'CREATED, UPDATED, REPAIRED, REVOKED, CORRECTED, OBJECTION_OPENED, OBJECTION_CLOSED' })
  action: string;

  @Field()
  actor: string;

  @Field({ description: 'ISO 8601 instant' })
  at: string;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true, description: 'The objection that caused this revision' })
  objectionId: string | null;

  @Field(() => [FieldChange])
  changes: FieldChange[];
}

@Directive('@key(fields: "id")')
@ObjectType({
  simpleResolvers: true,
  description:
    'A violation record (违法违规记录). Natural persons are masked for callers who may not see personal data.',
})
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class ViolationRecord {
  @Field(() => ID)
  id: string;

  @Field({ description: "Credit code or resident ID of the subject; a natural person's ID is masked for non-owners" })
  creditCode: string;

  @Field({ description: "行政相对人名称 as submitted; a natural person's name is masked for non-owners" })
  subjectName: string;

  @Field(() => RecordSubjectType)
  subjectType: RecordSubjectType;

  @Field()
  domainCode: string;

  @Field(() => RecordCategory)
  category: RecordCategory;

  @Field({ description: '简易程序 (administrative penalties only)' })
  simplifiedProcedure: boolean;

  @Field({ description: '决定书文号' })
  decisionNumber: string;

  @Field({ description: 'YYYY-MM-DD' })
  decisionDate: string;

  @Field(() => String, { nullable: true })
  violationType: string | null;

  @Field()
  facts: string;

  @Field()
  legalBasis: string;

  @Field(() => [String])
  penaltyTypes: string[];

  @Field(() => String, { nullable: true })
  penaltyContent: string | null;

  @Field(() => String, { nullable: true, description: 'Yuan, decimal string with two places' })
  fineAmount: string | null;

  @Field(() => String, { nullable: true, description: 'Yuan, decimal string with two places' })
  confiscatedAmount: string | null;

  @Field(() => LicenceAction, { nullable: true })
  licenceAction: LicenceAction | null;

  @Field(() => String, { nullable: true })
  licenceDetail: string | null;

  @Field(() => String, { nullable: true })
  effectiveUntil: string | null;

  @Field(() => String, { nullable: true })
  publicityDeadline: string | null;

  @Field({ description: '处罚机关' })
  decidingAuthority: string;

  @Field({ description: '处罚机关统一社会信用代码' })
  decidingAuthorityCode: string;

  @Field()
  sourceUnitCode: string;

  @Field()
  regionCode: string;

  @Field({ description: 'ISO 8601 instant of the first submission' })
  submittedAt: string;

  @Field(() => RecordStatus)
  status: RecordStatus;

  @Field({ description: 'True when repaired (已修复): still a record, labelled as repaired' })
  repaired: boolean;

  @Field(() => String, { nullable: true })
  repairedAt: string | null;

  @Field(() => String, { nullable: true })
  repairBasis: string | null;

  @Field(() => String, { nullable: true })
  revokedAt: string | null;

  @Field(() => String, { nullable: true })
  revokeReason: string | null;

  @Field({ description: 'An objection about this record is open' })
  underObjection: boolean;

  @Field(() => Int)
  version: number;

  @Field({ description: 'True when personal fields above are masked for the caller' })
  masked: boolean;
}

// The field table's plain fields (e.g. 备注), typed by the interface below.
declarePlainRecordFields(ViolationRecord, 'output');
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class's fields from the table
export interface ViolationRecord extends PlainContentFields {}

@ObjectType({ simpleResolvers: true })
export class ViolationRecordEdge {
  @Field()
  cursor: string;

  @Field(() => ViolationRecord)
  node: ViolationRecord;
}

@ObjectType({ simpleResolvers: true })
export class ViolationRecordConnection {
  @Field(() => [ViolationRecordEdge])
  edges: ViolationRecordEdge[];

  @Field(() => Int, { description: 'Records matching the filters, on every page (counted only when selected)' })
  totalCount: number;

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

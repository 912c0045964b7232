import { declarePlainRecordFields, type PlainRowFields } from '@credit/shared';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LicenceAction, RecordCategory, RecordSubjectType } from '../record/record.type';
import { RecordRowProblem } from './rowProblem';

/**
 * One submitted decision. Most fields are nullable on purpose: a missing value is a per-row
 * verdict (REJECTED, MISSING_FIELD), not a failure of the whole batch.
 */
@InputType({ description: 'A decision as reported by a source unit (双公示 columns)' })
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class RecordInput {
  @Field(() => String, { nullable: true, description: '决定书文号; with the unit, the idempotency key' })
  decisionNumber?: string | null;

  @Field(() => RecordCategory, { nullable: true })
  category?: RecordCategory | null;

  @Field(() => Boolean, { nullable: true, description: '简易程序 (administrative penalties only)' })
  simplifiedProcedure?: boolean | null;

  @Field(() => String, { nullable: true })
  domainCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Credit code, or resident ID for a natural person' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: '行政相对人名称' })
  subjectName?: string | null;

  @Field(() => RecordSubjectType, { nullable: true, description: 'Inferred from the code when absent' })
  subjectType?: RecordSubjectType | null;

  @Field(() => String, { nullable: true, description: '违法行为类型 (required for administrative penalties)' })
  violationType?: string | null;

  @Field(() => String, { nullable: true, description: '违法事实' })
  facts?: string | null;

  @Field(() => String, { nullable: true, description: '处罚依据' })
  legalBasis?: string | null;

  @Field(() => [String], { nullable: true, description: '处罚类别 (required for administrative penalties)' })
  penaltyTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: '处罚内容' })
  penaltyContent?: string | null;

  @Field(() => String, { nullable: true, description: 'Fine in yuan, e.g. "5000" or "5000.50"' })
  fineAmount?: string | null;

  @Field(() => String, { nullable: true, description: 'Confiscated amount in yuan' })
  confiscatedAmount?: string | null;

  @Field(() => LicenceAction, { nullable: true })
  licenceAction?: LicenceAction | null;

  @Field(() => String, { nullable: true, description: '暂扣或吊销证照名称及编号' })
  licenceDetail?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from 2020-01-01, not in the future' })
  decisionDate?: string | null;

  @Field(() => String, { nullable: true, description: '处罚有效期 YYYY-MM-DD' })
  effectiveUntil?: string | null;

  @Field(() => String, { nullable: true, description: '公示截止期 YYYY-MM-DD' })
  publicityDeadline?: string | null;

  @Field(() => String, { nullable: true, description: '处罚机关' })
  decidingAuthority?: string | null;

  @Field(() => String, { nullable: true, description: '处罚机关统一社会信用代码' })
  decidingAuthorityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code in Guizhou (52xxxx)' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: '依法不予行政处罚: acknowledged as EXCLUDED, never a record' })
  notPunished?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False when not yet confirmed by an effective legal document (EXCLUDED); default true',
  })
  legallyEffective?: boolean | null;
}

// The field table's plain fields (e.g. 备注), typed by the interface below.
declarePlainRecordFields(RecordInput, 'input');
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class's fields from the table
export interface RecordInput extends PlainRowFields {}

export enum RecordVerdict {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  EXCLUDED = 'EXCLUDED',
  REJECTED = 'REJECTED',
}
registerEnumType(RecordVerdict, { name: 'RecordVerdict' });

@ObjectType()
export class RecordRowResult {
  @Field(() => Int, { description: 'Position of the row in the request, from 0' })
  index: number;

  @Field(() => String, { nullable: true })
  decisionNumber: string | null;

  @Field(() => RecordVerdict)
  verdict: RecordVerdict;

  @Field(() => ID, { nullable: true, description: 'The record written or matched (null for EXCLUDED and REJECTED)' })
  recordId: string | null;

  @Field(() => [RecordRowProblem], { description: 'Every reason for REJECTED; why not a record for EXCLUDED' })
  reasons: RecordRowProblem[];
}

@ObjectType()
export class SubmitRecordsPayload {
  @Field(() => ID)
  batchId: string;

  @Field(() => [RecordRowResult])
  results: RecordRowResult[];

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  excluded: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Int, { description: "Rows without a region that got the submitting unit's registered region" })
  regionDefaulted: number;
}

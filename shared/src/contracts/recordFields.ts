/**
 * The one table of a violation record's fields (违法违规记录), modelled on the national 双公示
 * administrative-penalty standard. The record enums live here once; records' GraphQL types and inputs,
 * the importer's headers, history's brief rows, the report snapshot and PDF, the response cache's field
 * list and objections' correction input are built from this table. records' TypeORM entity stays a class,
 * and a test fails when it and the table differ.
 *
 * Adding an optional text field of the standard: one row below (its national header moved out of
 * NATIONAL_COLUMNS_NOT_KEPT), a column on the entity and a migration; `pnpm compose` regenerates the schemas.
 */

// ---------------------------------------------------------------- the record enums

export const RecordCategory = {
  ADMINISTRATIVE_PENALTY: 'ADMINISTRATIVE_PENALTY',
  ADMINISTRATIVE_COERCION: 'ADMINISTRATIVE_COERCION',
  SERIOUS_DISHONESTY_LIST: 'SERIOUS_DISHONESTY_LIST',
  CRIMINAL_JUDGMENT: 'CRIMINAL_JUDGMENT',
} as const;
export type RecordCategory = (typeof RecordCategory)[keyof typeof RecordCategory];

export const RecordStatus = { EFFECTIVE: 'EFFECTIVE', REPAIRED: 'REPAIRED', REVOKED: 'REVOKED' } as const;
export type RecordStatus = (typeof RecordStatus)[keyof typeof RecordStatus];

export const RecordSubjectType = {
  LEGAL_ENTITY: 'LEGAL_ENTITY',
  INDIVIDUAL_BUSINESS: 'INDIVIDUAL_BUSINESS',
  NATURAL_PERSON: 'NATURAL_PERSON',
} as const;
export type RecordSubjectType = (typeof RecordSubjectType)[keyof typeof RecordSubjectType];

export const LicenceAction = { SUSPENDED: 'SUSPENDED', REVOKED: 'REVOKED' } as const;
export type LicenceAction = (typeof LicenceAction)[keyof typeof LicenceAction];

// ---------------------------------------------------------------- the fields

/**
 * text: a trimmed string up to maxLength; code: a GB 32100 / GB 11643 code; date: YYYY-MM-DD;
 * amount: yuan as a decimal string; choice: one value of an enum; flag: a boolean; list: strings.
 */
export type RecordFieldKind = 'text' | 'code' | 'date' | 'amount' | 'choice' | 'flag' | 'list';

/**
 * always: every row; penalty: an administrative penalty that is a record; record: every row that is a
 * record (not an excluded 不予处罚 one); never: optional.
 */
export type RecordFieldRequired = 'always' | 'penalty' | 'record' | 'never';

export interface RecordFieldSpec {
  readonly name: string;
  readonly kind: RecordFieldKind;
  /** The field's name as people read it (pages, error messages, the console). */
  readonly zh: string;
  /** The report's wording where it differs (a report covers every category, not only penalties). */
  readonly reportZh?: string;
  /** Column headers of the national 双公示 export first, then the aliases exports use, normalised (normaliseHeader). */
  readonly headers: readonly string[];
  readonly maxLength?: number;
  /** Free text: left out of brief rows (history lists select none of it). */
  readonly long: boolean;
  /** Masked like the subject's ID and name when the subject is a natural person and the caller may not see it. */
  readonly personal: boolean;
  readonly required: RecordFieldRequired;
  /** An upheld objection may correct it. */
  readonly correctable: boolean;
  /** Printed in the signed report (snapshot and PDF). */
  readonly report: boolean;
  /** Checked by the table alone (length, control characters): no rule of its own in records' validation. */
  readonly plain: boolean;
  readonly description?: string;
}

/** In the order of the national standard's columns, near enough; the GraphQL types keep this order. */
export const RECORD_FIELDS = [
  {
    name: 'decisionNumber',
    kind: 'text',
    zh: '决定书文号',
    headers: ['行政处罚决定书文号', '决定书文号', '决定文书号', '处罚决定书文号'],
    maxLength: 100,
    long: false,
    personal: false,
    required: 'always',
    correctable: false,
    report: true,
    plain: false,
  },
  {
    name: 'category',
    kind: 'choice',
    zh: '信息类别',
    reportZh: '类别',
    headers: ['信息类别'],
    long: false,
    personal: false,
    required: 'always',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'simplifiedProcedure',
    kind: 'flag',
    zh: '简易程序',
    headers: ['简易程序'],
    long: false,
    personal: false,
    required: 'never',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'domainCode',
    kind: 'text',
    zh: '领域',
    headers: ['领域代码'],
    maxLength: 8,
    long: false,
    personal: false,
    required: 'always',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'creditCode',
    kind: 'code',
    zh: '统一社会信用代码',
    headers: ['行政相对人代码_1(统一社会信用代码)', '统一社会信用代码', '证件号码', '身份证号'],
    maxLength: 18,
    long: false,
    personal: true,
    required: 'always',
    correctable: false,
    report: false,
    plain: false,
  },
  {
    name: 'subjectName',
    kind: 'text',
    zh: '行政相对人名称',
    headers: ['行政相对人名称'],
    maxLength: 200,
    long: false,
    personal: true,
    required: 'always',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'subjectType',
    kind: 'choice',
    zh: '行政相对人类别',
    headers: ['行政相对人类别'],
    long: false,
    personal: false,
    required: 'never',
    correctable: false,
    report: false,
    plain: false,
  },
  {
    name: 'legalRepresentative',
    kind: 'text',
    zh: '法定代表人',
    headers: ['法定代表人'],
    maxLength: 50,
    long: false,
    // Published with the penalty (双公示) for an organisation; a natural person's record has none.
    personal: false,
    required: 'never',
    correctable: true,
    report: true,
    plain: true,
    description: "the subject's legal representative as the decision names it (national 双公示 column)",
  },
  {
    name: 'violationType',
    kind: 'text',
    zh: '违法行为类型',
    headers: ['违法行为类型'],
    maxLength: 200,
    long: true,
    personal: false,
    required: 'penalty',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'facts',
    kind: 'text',
    zh: '违法事实',
    headers: ['违法事实', '主要违法事实'],
    maxLength: 10_000,
    long: true,
    personal: false,
    required: 'always',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'legalBasis',
    kind: 'text',
    zh: '处罚依据',
    headers: ['处罚依据'],
    maxLength: 10_000,
    long: true,
    personal: false,
    required: 'always',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'penaltyTypes',
    kind: 'list',
    zh: '处罚类别',
    headers: ['处罚类别'],
    long: false,
    personal: false,
    required: 'penalty',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'penaltyContent',
    kind: 'text',
    zh: '处罚内容',
    reportZh: '处理内容',
    headers: ['处罚内容'],
    maxLength: 10_000,
    long: true,
    personal: false,
    required: 'record',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'fineAmount',
    kind: 'amount',
    zh: '罚款金额',
    headers: ['罚款金额(元)', '罚款金额(万元)'],
    long: false,
    personal: false,
    required: 'never',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'confiscatedAmount',
    kind: 'amount',
    zh: '没收金额',
    headers: ['没收违法所得、没收非法财物的金额(元)', '没收违法所得、没收非法财物的金额(万元)'],
    long: false,
    personal: false,
    required: 'never',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'licenceAction',
    kind: 'choice',
    zh: '证照处理',
    headers: ['证照处理'],
    long: false,
    personal: false,
    required: 'never',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'licenceDetail',
    kind: 'text',
    zh: '暂扣或吊销证照名称及编号',
    headers: ['暂扣或吊销证照名称及编号'],
    maxLength: 200,
    long: true,
    personal: false,
    required: 'never',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'decisionDate',
    kind: 'date',
    zh: '处罚决定日期',
    reportZh: '决定日期',
    headers: ['处罚决定日期', '作出处罚决定日期', '处罚决定日期(yyyy/mm/dd)'],
    long: false,
    personal: false,
    required: 'always',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'effectiveUntil',
    kind: 'date',
    zh: '处罚有效期',
    headers: ['处罚有效期'],
    long: false,
    personal: false,
    required: 'never',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'publicityDeadline',
    kind: 'date',
    zh: '公示截止期',
    headers: ['公示截止期'],
    long: false,
    personal: false,
    required: 'never',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'decidingAuthority',
    kind: 'text',
    zh: '处罚机关',
    reportZh: '决定机关',
    headers: ['处罚机关'],
    maxLength: 200,
    long: true,
    personal: false,
    required: 'always',
    correctable: true,
    report: true,
    plain: false,
  },
  {
    name: 'decidingAuthorityCode',
    kind: 'code',
    zh: '处罚机关统一社会信用代码',
    headers: ['处罚机关统一社会信用代码'],
    maxLength: 18,
    long: false,
    personal: false,
    required: 'always',
    correctable: false,
    report: false,
    plain: false,
  },
  {
    name: 'regionCode',
    kind: 'text',
    zh: '行政区划代码',
    headers: ['行政区划代码', '地域代码'],
    maxLength: 6,
    long: false,
    personal: false,
    required: 'always',
    correctable: true,
    report: false,
    plain: false,
  },
  {
    name: 'remarks',
    kind: 'text',
    zh: '备注',
    headers: ['备注'],
    maxLength: 500,
    long: true,
    personal: false,
    required: 'never',
    correctable: true,
    report: false,
    plain: true,
  },
] as const satisfies readonly RecordFieldSpec[];

/**
 * National columns the platform does not keep (other codes of the subject, its representative) or takes
 * from elsewhere (the source unit comes from the token or --unit, never from a row): an import ignores them.
 */
export const NATIONAL_COLUMNS_NOT_KEPT: readonly string[] = [
  '行政相对人代码_2(工商注册号)',
  '行政相对人代码_3(组织机构代码)',
  '行政相对人代码_4(税务登记号)',
  '行政相对人代码_5(事业单位证书号)',
  '行政相对人代码_6(社会组织登记证号)',
  '法定代表人证件类型',
  '法定代表人证件号码',
  '证件类型',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
];

export type RecordFieldName = (typeof RECORD_FIELDS)[number]['name'];
type FieldOf<N extends RecordFieldName> = Extract<(typeof RECORD_FIELDS)[number], { name: N }>;
type NamesWhere<P> = Extract<(typeof RECORD_FIELDS)[number], P>['name'];

/** The fields with no rule of their own: optional texts the table alone describes. */
export type PlainRecordField = NamesWhere<{ plain: true }>;
/** What a row carries for each plain field, and what a record stores for it. */
export type PlainRowFields = { [K in PlainRecordField]?: string | null };
export type PlainContentFields = { [K in PlainRecordField]: string | null };

const all: readonly RecordFieldSpec[] = RECORD_FIELDS;
const names = <N extends RecordFieldName>(p: (f: RecordFieldSpec) => boolean) => all.filter(p).map((f) => f.name as N);

export const recordField = <N extends RecordFieldName>(name: N): FieldOf<N> =>
  all.find((f) => f.name === name) as FieldOf<N>;

export const PLAIN_RECORD_FIELDS: readonly PlainRecordField[] = names<PlainRecordField>((f) => f.plain);
/** Free-text fields (brief rows leave them out). */
export const LONG_RECORD_FIELDS: readonly RecordFieldName[] = names((f) => f.long);
export const CORRECTABLE_RECORD_FIELDS: readonly RecordFieldName[] = names((f) => f.correctable);
export const PERSONAL_RECORD_FIELDS: readonly RecordFieldName[] = names((f) => f.personal);
/** Plain fields a signed report prints: copied into the snapshot when given, labelled in the PDF. */
export const PLAIN_REPORT_FIELDS: readonly PlainRecordField[] = names<PlainRecordField>((f) => f.plain && f.report);

/** The longest text of each text or code field, in characters. */
export const RECORD_FIELD_LIMITS = Object.fromEntries(
  all.flatMap((f) => (f.maxLength === undefined ? [] : [[f.name, f.maxLength]])),
) as { [K in NamesWhere<{ maxLength: number }>]: number };

/** A field's label on pages and in messages; in the report, its report wording. */
export const RECORD_FIELD_LABELS: Readonly<Record<string, string>> = Object.fromEntries(all.map((f) => [f.name, f.zh]));
export const reportLabel = (name: RecordFieldName): string => {
  const f = all.find((x) => x.name === name)!;
  return f.reportZh ?? f.zh;
};

/** The GraphQL fragment of every field an upheld objection may correct: the console's correction form reads it. */
export const correctableFieldsFragment = (): string =>
  `fragment RecordCorrectableFields on ViolationRecord {\n  id\n${CORRECTABLE_RECORD_FIELDS.map((f) => `  ${f}\n`).join('')}}\n`;

/** The GraphQL fragment of the plain fields a report prints (with `id`, so that it is never empty). */
export const reportFieldsFragment = (): string =>
  `fragment RecordReportFields on ViolationRecord {\n  id\n${PLAIN_REPORT_FIELDS.map((f) => `  ${f}\n`).join('')}}\n`;

import { REJECT_REASON_ZH, term } from '@credit/shared';
import type { RecordRowProblem } from '../submission/rowProblem';
import type { RecordRow } from '../submission/recordValidation';

/** Why a row of a file was refused, as the rejects file gives it: the field, a stable code, a Chinese sentence. */
export interface RejectReason {
  /** RecordInput field at fault (`line` for a row that could not be read at all). */
  field: string;
  code: string;
  /** Chinese, naming the column as the national template names it. */
  text: string;
}

/** Codes of rows the importer cannot even read (the submission's own codes are RowReason). */
export const LINE_REASON = {
  FIELD_COUNT: 'FIELD_COUNT',
  NOT_JSON_OBJECT: 'NOT_JSON_OBJECT',
  /** Bytes not valid in the file's encoding (UTF-8 or GB18030): the text read would be garbled. */
  ENCODING_INVALID: 'ENCODING_INVALID',
  /** A cell over the import's field limit (64 Ki characters). */
  FIELD_TOO_LONG: 'FIELD_TOO_LONG',
  /** A row or line over the import's record limit (1 Mi characters), e.g. a quote never closed. */
  LINE_TOO_LONG: 'LINE_TOO_LONG',
} as const;

/** Codes of rows refused for one cell of the file (the column is the file's header). */
export const CELL_REASON = {
  ENCODING_INVALID: LINE_REASON.ENCODING_INVALID,
  FIELD_TOO_LONG: LINE_REASON.FIELD_TOO_LONG,
} as const;

// The national 双公示 template's column for each field: what the unit looks for in its sheet.
const COLUMN: Record<string, string> = {
  decisionNumber: '行政处罚决定书文号',
  category: '信息类别',
  simplifiedProcedure: '简易程序',
  domainCode: '领域代码',
  creditCode: '统一社会信用代码/证件号码',
  subjectName: '行政相对人名称',
  subjectType: '行政相对人类别',
  violationType: '违法行为类型',
  facts: '违法事实',
  legalBasis: '处罚依据',
  penaltyTypes: '处罚类别',
  penaltyContent: '处罚内容',
  fineAmount: '罚款金额',
  confiscatedAmount: '没收违法所得、没收非法财物的金额',
  licenceAction: '证照处理',
  licenceDetail: '暂扣或吊销证照名称及编号',
  decisionDate: '处罚决定日期',
  effectiveUntil: '处罚有效期',
  publicityDeadline: '公示截止期',
  decidingAuthority: '处罚机关',
  decidingAuthorityCode: '处罚机关统一社会信用代码',
  regionCode: '行政区划代码',
  remarks: '备注',
  notPunished: '依法不予行政处罚',
  legallyEffective: '法律文书已生效',
  line: '整行',
};

const quoted = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  const s = Array.isArray(v) ? v.join('、') : String(v);
  return `（填写的是“${s.length > 60 ? `${s.slice(0, 60)}…` : s}”）`;
};

type Explain = (column: string, value: string, message: string) => string;

// One sentence per code: what is wrong and, where it is not obvious, what to do about it.
const EXPLAIN: Record<string, Explain> = {
  MISSING_FIELD: (c) => `${c}：必须填写`,
  BAD_CHECK_CHARACTER: (c, v) => `${c}：校验位不正确，请核对代码${v}`,
  INVALID_CODE: (c, v) => `${c}：代码格式不正确${v}`,
  UNKNOWN_DOMAIN: (c, v) => `${c}：不在领域目录中${v}`,
  INACTIVE_DOMAIN: (c, v) => `${c}：该领域已停用，不再接收新记录${v}`,
  DOMAIN_NOT_ALLOWED: (c, v) => `${c}：不是本单位负责报送的领域${v}`,
  INVALID_DATE: (c, v) => `${c}：日期无法识别，请写成 2025-03-01 或 2025/3/1${v}`,
  DATE_BEFORE_2020: (c, v) => `${c}：早于 2020 年 1 月 1 日，不在归集范围内${v}`,
  DATE_IN_FUTURE: (c, v) => `${c}：晚于今天${v}`,
  DATE_ORDER: (c, v) => `${c}：不能早于处罚决定日期${v}`,
  NEGATIVE_AMOUNT: (c, v) => `${c}：金额不能为负数${v}`,
  INVALID_AMOUNT: (c, v) => `${c}：金额无法识别，请只填写数字${v}`,
  INVALID_VALUE: (c, v, m) =>
    /revoke/.test(m)
      ? `${c}：该决定书已作为处罚记录归集，不能改报为不予处罚；确需撤销请申请撤销该记录`
      : `${c}：取值不在规定范围内${v}`,
  TOO_LONG: (c) => `${c}：内容超过允许的长度`,
  OWNED_BY_OTHER_UNIT: (_c, _v, m) =>
    `该决定书（处罚机关统一社会信用代码 + 文号）已由单位 ${/by unit (\S+)/.exec(m)?.[1] ?? '其他单位'} 报送，一份决定书只能由一个单位报送`,
  CORRECTED_BY_OBJECTION: (c) =>
    `${c}：该字段已经异议处理更正，不能改回原值；确需变更请以新的决定书文号报送，或通过异议流程办理`,
  RECORD_REVOKED: () => '该记录已撤销，不能再修改',
  LAWFULLY_NOT_PUNISHED: () => '依法不予行政处罚，不作为处罚记录归集',
  NOT_LEGALLY_EFFECTIVE: () => '法律文书尚未生效，不作为记录归集；生效后请重新报送',
  DUPLICATE_IN_BATCH: (c) => `${c}：同一批次中重复`,
  [LINE_REASON.FIELD_COUNT]: (_c, _v, m) => `本行无法读取：${m}；通常是某个含逗号或换行的单元格没有加英文双引号`,
  [LINE_REASON.NOT_JSON_OBJECT]: () => '本行不是一个 JSON 对象，无法读取',
  [LINE_REASON.ENCODING_INVALID]: (c, _v, m) =>
    `${c}：含有不符合 ${m} 编码的字节，读出来会是乱码；请用 WPS 或 Excel 打开原文件核对该单元格，另存为“CSV UTF-8”后重新导入`,
  [LINE_REASON.FIELD_TOO_LONG]: (c, _v, m) =>
    `${c}：内容超过 ${m} 个字符，超出导入允许的长度；若该单元格本不长，通常是它的英文双引号没有配对`,
  [LINE_REASON.LINE_TOO_LONG]: (_c, _v, m) =>
    `本行超过 ${m} 个字符，无法读取；通常是某个单元格的英文双引号没有配对，此后的内容都被读成了同一个单元格`,
};

/** A submission's refusal of a row, in words a unit can act on; the value quoted is the file's own. */
export function rejectReason(p: RecordRowProblem, row: RecordRow | undefined): RejectReason {
  const column = COLUMN[p.field] ?? p.field;
  const value = row ? quoted((row as Record<string, unknown>)[p.field]) : '';
  const explain = EXPLAIN[p.code];
  return {
    field: p.field,
    code: p.code,
    // A code without a sentence of its own still reads in Chinese: its word in the term table.
    text: explain ? explain(column, value, p.message) : `${column}：${term(REJECT_REASON_ZH, p.code)}${value}`,
  };
}

// The record field behind a national column, for the reason code (a column it does not know keeps its header).
const FIELD_OF_COLUMN = new Map(Object.entries(COLUMN).map(([field, column]) => [column, field]));

/** A row refused for one of its cells before it became a row (undecodable bytes, too long). */
export function cellReason(code: keyof typeof CELL_REASON, header: string, detail: string): RejectReason {
  const column = header.trim() || '（无表头的列）';
  return { field: FIELD_OF_COLUMN.get(column) ?? column, code, text: EXPLAIN[code](column, '', detail) };
}

/** A row the reader could not turn into a row at all (wrong field count, not JSON). */
export function lineReason(code: keyof typeof LINE_REASON, detail: string): RejectReason {
  return { field: 'line', code, text: EXPLAIN[code]('整行', '', detail) };
}

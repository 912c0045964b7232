import { CATEGORY, LICENCE_ACTION } from '../api/terms';

/**
 * Every content field of a record that a correction may change (the API's ObjectionRecordChangesInput,
 * which the records subgraph checks like a submission), in the order of the national 双公示 columns.
 * One list so that the form can later be built from the shared record field table instead.
 */
export interface CorrectionField {
  /** The key in ObjectionRecordChangesInput and in ViolationRecord. */
  name: CorrectionFieldName;
  label: string;
  kind: 'text' | 'long' | 'date' | 'money' | 'boolean' | 'choice' | 'list';
  /** `choice`: value → label; '' is "none". */
  choices?: Readonly<Record<string, string>>;
  hint?: string;
}

export type CorrectionFieldName =
  | 'category'
  | 'simplifiedProcedure'
  | 'domainCode'
  | 'subjectName'
  | 'violationType'
  | 'facts'
  | 'legalBasis'
  | 'penaltyTypes'
  | 'penaltyContent'
  | 'fineAmount'
  | 'confiscatedAmount'
  | 'licenceAction'
  | 'licenceDetail'
  | 'decisionDate'
  | 'effectiveUntil'
  | 'publicityDeadline'
  | 'decidingAuthority'
  | 'regionCode'
  | 'remarks';

export const CORRECTION_FIELDS: readonly CorrectionField[] = [
  { name: 'category', label: '信息类别', kind: 'choice', choices: CATEGORY },
  { name: 'simplifiedProcedure', label: '简易程序', kind: 'boolean' },
  { name: 'domainCode', label: '领域代码', kind: 'text', hint: '如 D07' },
  { name: 'subjectName', label: '行政相对人名称', kind: 'text' },
  { name: 'violationType', label: '违法行为类型', kind: 'text' },
  { name: 'facts', label: '违法事实', kind: 'long' },
  { name: 'legalBasis', label: '处罚依据', kind: 'long' },
  { name: 'penaltyTypes', label: '处罚类别', kind: 'list', hint: '多个以“；”分隔' },
  { name: 'penaltyContent', label: '处罚内容', kind: 'long' },
  { name: 'fineAmount', label: '罚款金额（元）', kind: 'money' },
  { name: 'confiscatedAmount', label: '没收违法所得、没收非法财物的金额（元）', kind: 'money' },
  { name: 'licenceAction', label: '暂扣或吊销证照', kind: 'choice', choices: { '': '无', ...LICENCE_ACTION } },
  { name: 'licenceDetail', label: '证照名称及编号', kind: 'text' },
  { name: 'decisionDate', label: '处罚决定日期', kind: 'date' },
  { name: 'effectiveUntil', label: '处罚有效期', kind: 'date' },
  { name: 'publicityDeadline', label: '公示截止期', kind: 'date' },
  { name: 'decidingAuthority', label: '处罚机关', kind: 'text' },
  { name: 'regionCode', label: '行政区划代码', kind: 'text', hint: '6 位' },
  { name: 'remarks', label: '备注', kind: 'long' },
];

/** The form's text for a record's value of a field. */
export function formValue(field: CorrectionField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'boolean') return value ? 'true' : 'false';
  if (field.kind === 'list') return (value as string[]).join('；');
  return String(value);
}

/**
 * The changes the form asks for: only fields whose text differs from the record's (the API keeps an
 * omitted field as it is; it cannot empty one), typed as the API takes them.
 */
export function changesOf(
  record: Record<string, unknown>,
  values: Record<string, string>,
): Record<string, string | boolean | string[]> {
  const changes: Record<string, string | boolean | string[]> = {};
  for (const f of CORRECTION_FIELDS) {
    const text = (values[f.name] ?? '').trim();
    if (text === formValue(f, record[f.name]) || text === '') continue;
    if (f.kind === 'boolean') changes[f.name] = text === 'true';
    else if (f.kind === 'list')
      changes[f.name] = text
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else changes[f.name] = text;
  }
  return changes;
}

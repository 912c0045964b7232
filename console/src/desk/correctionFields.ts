import { CATEGORY, LICENCE_ACTION } from '../api/terms';
import { RECORD_FIELDS, type RecordFieldSpec } from '../../../shared/src/contracts/recordFields';

/**
 * Every content field of a record that a correction may change (the API's ObjectionRecordChangesInput,
 * which the records subgraph checks like a submission), in the order of the national 双公示 columns:
 * the correctable rows of the record field table, so a field added there is on the form too.
 */
export interface CorrectionField {
  /** The key in ObjectionRecordChangesInput and in ViolationRecord. */
  name: string;
  label: string;
  kind: 'text' | 'long' | 'date' | 'money' | 'boolean' | 'choice' | 'list';
  /** `choice`: value → label; '' is "none". */
  choices?: Readonly<Record<string, string>>;
  hint?: string;
}

// What the form adds to the table: the choices' words, the units people type, a hint where a format is asked.
const CHOICES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  category: CATEGORY,
  licenceAction: { '': '无', ...LICENCE_ACTION },
};
const UNITS: Readonly<Record<string, string>> = { fineAmount: '（元）', confiscatedAmount: '（元）' };
const HINTS: Readonly<Record<string, string>> = {
  domainCode: '如 D07',
  penaltyTypes: '多个以“；”分隔',
  regionCode: '6 位',
};

function formKind(f: RecordFieldSpec): CorrectionField['kind'] {
  switch (f.kind) {
    case 'flag':
      return 'boolean';
    case 'amount':
      return 'money';
    case 'date':
    case 'choice':
    case 'list':
      return f.kind;
    default:
      return f.long ? 'long' : 'text';
  }
}

export const CORRECTION_FIELDS: readonly CorrectionField[] = (RECORD_FIELDS as readonly RecordFieldSpec[])
  .filter((f) => f.correctable)
  .map((f) => ({
    name: f.name,
    label: f.zh + (UNITS[f.name] ?? ''),
    kind: formKind(f),
    choices: CHOICES[f.name],
    hint: HINTS[f.name],
  }));

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

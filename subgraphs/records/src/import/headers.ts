import {
  NATIONAL_COLUMNS_NOT_KEPT,
  RECORD_FIELDS,
  recordField,
  unescapeSpreadsheetText,
  type RecordFieldSpec,
} from '@credit/shared';
import { wanToYuan } from '../record/amount';
import { LicenceAction, RecordCategory, RecordSubjectType } from '../record/record.type';
import { CONTENT_FIELDS, type RecordRow } from '../submission/recordValidation';

type Setter = (row: RecordRow, value: string) => void;

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0']);
const flag = (v: string): boolean | null => (YES.has(v.toUpperCase()) ? true : NO.has(v.toUpperCase()) ? false : null);

const CATEGORY: Record<string, RecordCategory> = {
  行政处罚: RecordCategory.ADMINISTRATIVE_PENALTY,
  行政强制: RecordCategory.ADMINISTRATIVE_COERCION,
  严重失信主体名单: RecordCategory.SERIOUS_DISHONESTY_LIST,
  刑事裁判: RecordCategory.CRIMINAL_JUDGMENT,
};
const SUBJECT_TYPE: Record<string, RecordSubjectType> = {
  法人及非法人组织: RecordSubjectType.LEGAL_ENTITY,
  法人: RecordSubjectType.LEGAL_ENTITY,
  个体工商户: RecordSubjectType.INDIVIDUAL_BUSINESS,
  自然人: RecordSubjectType.NATURAL_PERSON,
};
const LICENCE: Record<string, LicenceAction> = { 暂扣: LicenceAction.SUSPENDED, 吊销: LicenceAction.REVOKED };

/** 2024/3/5, 2024.03.05 and 20240305 are all 2024-03-05; anything else is passed on for the validator to reject. */
export function normaliseDate(v: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v;
}

const text =
  (field: keyof RecordRow): Setter =>
  (row, v) => {
    (row as Record<string, unknown>)[field] = v;
  };
const date =
  (field: keyof RecordRow): Setter =>
  (row, v) => {
    (row as Record<string, unknown>)[field] = normaliseDate(v);
  };
const yuan =
  (field: 'fineAmount' | 'confiscatedAmount'): Setter =>
  (row, v) => {
    row[field] = v;
  };
// A 万元 column converts exactly; an unparsable value is passed on as it is, for the validator to reject.
// A negative or unreadable one keeps the file's own text and unit, so that the rejection quotes what the unit wrote.
const wan =
  (field: 'fineAmount' | 'confiscatedAmount'): Setter =>
  (row, v) => {
    const plain = v.replace(/,/g, '').replace(/万元$/, '').trim();
    const yuan = plain.startsWith('-') ? null : wanToYuan(plain);
    row[field] = yuan ?? `${plain}万元`;
  };
const bool =
  (field: 'simplifiedProcedure' | 'notPunished' | 'legallyEffective'): Setter =>
  (row, v) => {
    row[field] = flag(v);
  };
const mapped =
  (field: 'category' | 'subjectType' | 'licenceAction', table: Record<string, string>): Setter =>
  (row, v) => {
    row[field] = table[v] ?? v;
  };

const CHOICES: Record<string, Record<string, string>> = {
  category: CATEGORY,
  subjectType: SUBJECT_TYPE,
  licenceAction: LICENCE,
};
// Columns of a resident ID: a row may carry both a credit-code column and one of these, the filled one counts.
const ID_NUMBER_HEADERS = new Set(['证件号码', '身份证号']);

/** How a column of the field table is read into a row, by the field's kind (and a 万元 column's unit). */
function setterFor(f: RecordFieldSpec, header: string): Setter {
  const field = f.name as keyof RecordRow;
  switch (f.kind) {
    case 'date':
      return date(field);
    case 'amount':
      return header.endsWith('(万元)') ? wan(field as 'fineAmount') : yuan(field as 'fineAmount');
    case 'choice':
      return mapped(field as 'category', CHOICES[f.name]);
    case 'flag':
      return bool(field as 'simplifiedProcedure');
    case 'list':
      return (row, v) => {
        (row as Record<string, unknown>)[field] = v
          .split(/[;；、,，]/)
          .map((t) => t.trim())
          .filter(Boolean);
      };
    default:
      return ID_NUMBER_HEADERS.has(header)
        ? (row, v) => {
            if (v) (row as Record<string, unknown>)[field] = v;
          }
        : text(field);
  }
}

/**
 * The national 双公示 administrative-penalty column headers (and the platform's extra columns), by
 * normalised header: the field table's headers, the two not-a-record flags, and the columns ignored.
 */
export const CSV_COLUMNS: Record<string, Setter | null> = {
  ...Object.fromEntries(
    (RECORD_FIELDS as readonly RecordFieldSpec[]).flatMap((f) => f.headers.map((h) => [h, setterFor(f, h)])),
  ),
  依法不予行政处罚: bool('notPunished'),
  法律文书已生效: bool('legallyEffective'),
  ...Object.fromEntries(NATIONAL_COLUMNS_NOT_KEPT.map((h) => [h, null])),
  // A rejects file sent back after fixing its rows (rejectsFile.ts): why the row was refused last time.
  行号: null,
  原因: null,
  原因代码: null,
};

/** Header spelling varies between exports: full-width brackets, spaces, a BOM. */
export const normaliseHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .replace(/^\*/, '') // a mandatory column's marker in the national template
    .trim();

const DECISION_NUMBER_HEADERS = new Set<string>(recordField('decisionNumber').headers);

export interface HeaderMap {
  setters: (Setter | null)[];
  unknown: string[];
  /** The columns that hold the decision number (a file may have more than one spelling of it). */
  decisionColumns: number[];
}

/** Resolves a file's header row; a file without a decision-number column cannot be imported idempotently. */
export function mapHeaders(headers: string[]): HeaderMap {
  const norm = headers.map(normaliseHeader);
  const setters = norm.map((h) => CSV_COLUMNS[h] ?? null);
  const unknown = headers.filter((_, i) => !(norm[i] in CSV_COLUMNS));
  if (!norm.some((h) => CSV_COLUMNS[h] && DECISION_NUMBER_HEADERS.has(h))) {
    throw new Error('the file has no 行政处罚决定书文号 (decision number) column');
  }
  const decisionColumns = norm.flatMap((h, i) => (CSV_COLUMNS[h] && DECISION_NUMBER_HEADERS.has(h) ? [i] : []));
  return { setters, unknown, decisionColumns };
}

/** A cell as csvRow reads it: trimmed, a rejects file's formula escape undone, trimmed again. */
const cellValue = (value: string | undefined): string => unescapeSpreadsheetText((value ?? '').trim()).trim();

/**
 * One CSV record as a submission row. A file without 信息类别 is a 双公示 penalty file: every row
 * is an administrative penalty; without 领域代码 a single-domain unit's domain applies.
 */
export function csvRow(map: HeaderMap, values: string[], defaults: { domainCode?: string } = {}): RecordRow {
  const row: RecordRow = { category: RecordCategory.ADMINISTRATIVE_PENALTY, domainCode: defaults.domainCode ?? null };
  const { setters } = map;
  for (let i = 0; i < setters.length; i++) {
    const set = setters[i];
    if (!set) continue;
    // A rejects file escapes cells a spreadsheet would run as formulas; the value is the unescaped one,
    // trimmed again: an escaped tab or CR in front is what the first reading trimmed away.
    const v = cellValue(values[i]);
    if (v !== '') set(row, v);
  }
  return row;
}

/**
 * The decision number csvRow would give the record (the last non-empty of its columns), without
 * reading the rest: the importer's first reading only counts decision numbers.
 */
export function csvDecisionNumber(map: HeaderMap, values: string[]): string | null {
  let number: string | null = null;
  for (const i of map.decisionColumns) {
    const v = cellValue(values[i]);
    if (v !== '') number = v;
  }
  return number;
}

// RecordInput field names: the decision number, the stored content, and the two not-a-record flags.
const ROW_FIELDS = new Set<string>(['decisionNumber', ...CONTENT_FIELDS, 'notPunished', 'legallyEffective']);

/** One JSON Lines object: RecordInput field names, or the Chinese column headers. */
export function jsonRow(obj: Record<string, unknown>, defaults: { domainCode?: string } = {}): RecordRow {
  const row: RecordRow = { category: RecordCategory.ADMINISTRATIVE_PENALTY, domainCode: defaults.domainCode ?? null };
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined) continue;
    if (ROW_FIELDS.has(k)) {
      (row as Record<string, unknown>)[k] = typeof v === 'number' ? String(v) : v;
    } else {
      const set = CSV_COLUMNS[normaliseHeader(k)];
      if (set) set(row, Array.isArray(v) ? v.join(';') : String(v));
    }
  }
  return row;
}

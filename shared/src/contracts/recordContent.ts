import { checkCreditCode, checkSubjectCode, hasControlCharacters, type CodeKind } from '../validators';
import { isIsoDate } from './calendar';
import { COVERAGE_START } from './period';
import { LicenceAction, RECORD_FIELD_LIMITS, RecordCategory, RecordSubjectType } from './recordFields';

/**
 * The content rules of a violation record (违法违规记录), applied by records to every submitted
 * row and by objections to a correction before a unit's decision commits. Records adds what needs
 * its own data (the catalogue, the unit's domains, the row as a whole); both name problems with the
 * codes below, which records' per-row verdicts carry to clients unchanged.
 */

// ---------------------------------------------------------------- what a record is

/** 行政处罚 / 行政强制 / 严重失信主体名单 / 刑事裁判. */
export const RECORD_CATEGORIES = Object.values(RecordCategory);
export type RecordCategoryName = RecordCategory;

/** 行政相对人类别: 法人及非法人组织 / 个体工商户 / 自然人. */
export const RECORD_SUBJECT_TYPES = Object.values(RecordSubjectType);

/** 暂扣 / 吊销证照. */
export const LICENCE_ACTIONS = Object.values(LicenceAction);

// Rules deciding whether a valid decision is a record at all (e.g. lawful non-punishment) belong here.

// ---------------------------------------------------------------- field rules

/** Why a value breaks a rule: stable codes (records' RecordRowReason uses the same strings). */
export const RecordRule = {
  MISSING_FIELD: 'MISSING_FIELD',
  BAD_CHECK_CHARACTER: 'BAD_CHECK_CHARACTER',
  INVALID_CODE: 'INVALID_CODE',
  UNKNOWN_DOMAIN: 'UNKNOWN_DOMAIN',
  INVALID_DATE: 'INVALID_DATE',
  DATE_BEFORE_2020: 'DATE_BEFORE_2020',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  NEGATIVE_AMOUNT: 'NEGATIVE_AMOUNT',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  INVALID_VALUE: 'INVALID_VALUE',
  TOO_LONG: 'TOO_LONG',
} as const;
export type RecordRule = (typeof RecordRule)[keyof typeof RecordRule];

export interface RecordFieldProblem {
  code: RecordRule;
  message: string;
}

/** The longest text of each field, in characters (the field table's). */
export const RECORD_TEXT_LIMITS = RECORD_FIELD_LIMITS;
export type RecordTextField = keyof typeof RECORD_TEXT_LIMITS;

export const RECORD_DATE_FIELDS = ['decisionDate', 'effectiveUntil', 'publicityDeadline'] as const;
export const RECORD_AMOUNT_FIELDS = ['fineAmount', 'confiscatedAmount'] as const;
/** All penalty types of one record together, joined by ";". */
export const PENALTY_TYPES_MAX = 300;

/** A domain of the catalogue: D and two or three digits (the catalogue grows past D43). */
export const DOMAIN_CODE_PATTERN = /^D\d{2,3}$/;
/** A Guizhou region (GB/T 2260): the province records are collected in. */
export const GUIZHOU_REGION_PATTERN = /^52\d{4}$/;
/** Money in yuan with two decimals, kept as a string end to end (never a float). */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

export const normaliseAmount = (v: string): string => {
  const [int, frac = ''] = v.split('.');
  return `${BigInt(int).toString()}.${frac.padEnd(2, '0')}`;
};

const problem = (code: RecordRule, message: string): RecordFieldProblem => ({ code, message });

/** Length and control characters of a trimmed, non-empty text (tabs and line breaks are allowed). */
export function textProblems(field: RecordTextField, v: string): RecordFieldProblem[] {
  const out: RecordFieldProblem[] = [];
  const max = RECORD_TEXT_LIMITS[field];
  if (Array.from(v).length > max) out.push(problem(RecordRule.TOO_LONG, `must be at most ${max} characters`));
  if (hasControlCharacters(v, { multiline: true }))
    out.push(problem(RecordRule.INVALID_VALUE, 'must not contain control characters'));
  return out;
}

export const dateProblem = (v: string): RecordFieldProblem | null =>
  isIsoDate(v) ? null : problem(RecordRule.INVALID_DATE, `must be a real date YYYY-MM-DD, got "${v}"`);

/** A decision date: records are collected from 2020 and none is decided after today. */
export function decisionDateProblem(v: string, today: string): RecordFieldProblem | null {
  if (v < COVERAGE_START)
    return problem(RecordRule.DATE_BEFORE_2020, `records are collected from ${COVERAGE_START}; got ${v}`);
  if (v > today) return problem(RecordRule.DATE_IN_FUTURE, `must not be after today (${today}); got ${v}`);
  return null;
}

/** An amount in yuan ("1,000.5" is read as 1000.50): the normalised amount, or the problem. */
export function checkAmount(raw: string): { value: string } | { problem: RecordFieldProblem } {
  const v = raw.trim().replace(/,/g, '');
  if (/^-\s*\d/.test(v)) return { problem: problem(RecordRule.NEGATIVE_AMOUNT, `must not be negative, got ${v}`) };
  if (!AMOUNT_PATTERN.test(v)) {
    return {
      problem: problem(
        RecordRule.INVALID_AMOUNT,
        `must be yuan with at most two decimals (up to 12 integer digits), got "${v}"`,
      ),
    };
  }
  return { value: normaliseAmount(v) };
}

export const choiceProblem = (v: string, allowed: readonly string[]): RecordFieldProblem | null =>
  allowed.includes(v) ? null : problem(RecordRule.INVALID_VALUE, `must be one of ${allowed.join(', ')}, got "${v}"`);

export const domainCodeProblem = (v: string): RecordFieldProblem | null =>
  DOMAIN_CODE_PATTERN.test(v.toUpperCase())
    ? null
    : problem(RecordRule.UNKNOWN_DOMAIN, `must be a domain code such as D07, got "${v}"`);

export const regionCodeProblem = (v: string): RecordFieldProblem | null =>
  GUIZHOU_REGION_PATTERN.test(v)
    ? null
    : problem(RecordRule.INVALID_VALUE, `must be a Guizhou GB/T 2260 code (52xxxx), got "${v}"`);

export function penaltyTypesProblems(types: readonly string[]): RecordFieldProblem[] {
  const out: RecordFieldProblem[] = [];
  if (types.some((t) => t.includes(';')))
    out.push(problem(RecordRule.INVALID_VALUE, 'a penalty type must not contain ";"'));
  if (types.join(';').length > PENALTY_TYPES_MAX)
    out.push(problem(RecordRule.TOO_LONG, `must be at most ${PENALTY_TYPES_MAX} characters together`));
  return out;
}

/**
 * A subject's (or deciding authority's) code: GB 32100 credit code or GB 11643 resident ID, by the
 * kind stated; without one, whichever rule it passes (an organisation's code is assumed when both do).
 */
export function checkRecordCode(
  raw: string,
  kind: CodeKind | undefined,
): { normalized: string; kind?: CodeKind; problem?: RecordFieldProblem } {
  let check = checkSubjectCode(raw, kind);
  if (!check.valid && !kind) {
    // Type unknown: an all-digit code fails as a resident ID, yet may be an organisation's code with a bad check character.
    const credit = checkCreditCode(check.normalized);
    if (credit.problem === 'CHECK_CHARACTER') check = { ...credit, normalized: check.normalized };
  }
  if (!check.valid) {
    const rule =
      (kind ??
        (check.problem !== 'CHECK_CHARACTER' && /^\d{17}[\dX]$/i.test(check.normalized)
          ? 'RESIDENT_ID'
          : 'CREDIT_CODE')) === 'RESIDENT_ID'
        ? 'resident ID (GB 11643)'
        : 'credit code (GB 32100)';
    return {
      normalized: check.normalized,
      problem: problem(
        check.problem === 'CHECK_CHARACTER' ? RecordRule.BAD_CHECK_CHARACTER : RecordRule.INVALID_CODE,
        `invalid ${rule}: ${check.message}`,
      ),
    };
  }
  if (kind) return { normalized: check.normalized, kind };
  // Without a stated type a code that passes GB 32100 is taken as an organisation's (about 1 in 31
  // resident IDs also pass it by chance, so units reporting natural persons should send subjectType).
  return {
    normalized: check.normalized,
    kind: checkCreditCode(check.normalized).valid ? 'CREDIT_CODE' : 'RESIDENT_ID',
  };
}

const CHOICES: Record<string, readonly string[]> = {
  category: RECORD_CATEGORIES,
  subjectType: RECORD_SUBJECT_TYPES,
  licenceAction: LICENCE_ACTIONS,
};

/**
 * Every rule one field of a record obeys on its own (no other field, catalogue or register
 * needed), for a trimmed, non-empty value: what a correction is checked with before it commits,
 * and what a submission checks each field with. Returns the value as stored (amounts normalised,
 * codes upper-cased) and the problems found.
 */
export function recordFieldProblems(
  field: string,
  value: string | readonly string[],
  today: string,
): { value: string | string[]; problems: RecordFieldProblem[] } {
  if (Array.isArray(value)) {
    const items = value.map((x) => String(x).trim()).filter(Boolean);
    return { value: items, problems: field === 'penaltyTypes' ? penaltyTypesProblems(items) : [] };
  }
  const v = (value as string).trim();
  const problems: RecordFieldProblem[] = [];
  const add = (p: RecordFieldProblem | null | undefined) => {
    if (p) problems.push(p);
  };
  if (field in RECORD_TEXT_LIMITS) problems.push(...textProblems(field as RecordTextField, v));
  else if (hasControlCharacters(v, { multiline: true }))
    add(problem(RecordRule.INVALID_VALUE, 'must not contain control characters'));
  let stored = v;
  if ((RECORD_DATE_FIELDS as readonly string[]).includes(field)) {
    add(dateProblem(v));
    if (field === 'decisionDate' && !problems.length) add(decisionDateProblem(v, today));
  } else if ((RECORD_AMOUNT_FIELDS as readonly string[]).includes(field)) {
    const amount = checkAmount(v);
    if ('problem' in amount) add(amount.problem);
    else stored = amount.value;
  } else if (CHOICES[field]) {
    add(choiceProblem(v, CHOICES[field]));
  } else if (field === 'domainCode') {
    stored = v.toUpperCase();
    add(domainCodeProblem(stored));
  } else if (field === 'regionCode') {
    add(regionCodeProblem(v));
  } else if (field === 'creditCode') {
    const code = checkRecordCode(v, undefined);
    stored = code.normalized;
    add(code.problem);
  } else if (field === 'decidingAuthorityCode') {
    const code = checkRecordCode(v, 'CREDIT_CODE');
    stored = code.normalized;
    add(code.problem);
  }
  return { value: stored, problems };
}

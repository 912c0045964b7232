import {
  checkCreditCode,
  checkSubjectCode,
  hasControlCharacters,
  lawfulNonPunishment,
  type CodeKind,
} from '@credit/shared';
import { AMOUNT, normaliseAmount } from '../record/amount';
import { FIRST_RECORD_DATE, isIsoDate } from '../record/dates';
import { LicenceAction, RecordCategory, RecordSubjectType } from '../record/record.type';
import { RowReason, type RecordRowProblem } from './rowProblem';

/** A row as it arrives, from GraphQL (RecordInput) or a file (strings for enums). */
export interface RecordRow {
  decisionNumber?: string | null;
  category?: string | null;
  simplifiedProcedure?: boolean | null;
  domainCode?: string | null;
  creditCode?: string | null;
  subjectName?: string | null;
  subjectType?: string | null;
  violationType?: string | null;
  facts?: string | null;
  legalBasis?: string | null;
  penaltyTypes?: string[] | null;
  penaltyContent?: string | null;
  fineAmount?: string | null;
  confiscatedAmount?: string | null;
  licenceAction?: string | null;
  licenceDetail?: string | null;
  decisionDate?: string | null;
  effectiveUntil?: string | null;
  publicityDeadline?: string | null;
  decidingAuthority?: string | null;
  decidingAuthorityCode?: string | null;
  regionCode?: string | null;
  remarks?: string | null;
  notPunished?: boolean | null;
  legallyEffective?: boolean | null;
}

/** The stored content of a record, normalised (what a re-submission is compared on). */
export interface RecordContent {
  decisionNumber: string;
  category: RecordCategory;
  simplifiedProcedure: boolean;
  domainCode: string;
  creditCode: string;
  subjectName: string;
  subjectType: RecordSubjectType;
  violationType: string | null;
  facts: string;
  legalBasis: string;
  penaltyTypes: string | null;
  penaltyContent: string | null;
  fineAmount: string | null;
  confiscatedAmount: string | null;
  licenceAction: LicenceAction | null;
  licenceDetail: string | null;
  decisionDate: string;
  effectiveUntil: string | null;
  publicityDeadline: string | null;
  decidingAuthority: string;
  decidingAuthorityCode: string;
  regionCode: string;
  remarks: string | null;
}

export const CONTENT_FIELDS: (keyof RecordContent)[] = [
  'category',
  'simplifiedProcedure',
  'domainCode',
  'creditCode',
  'subjectName',
  'subjectType',
  'violationType',
  'facts',
  'legalBasis',
  'penaltyTypes',
  'penaltyContent',
  'fineAmount',
  'confiscatedAmount',
  'licenceAction',
  'licenceDetail',
  'decisionDate',
  'effectiveUntil',
  'publicityDeadline',
  'decidingAuthority',
  'decidingAuthorityCode',
  'regionCode',
  'remarks',
];

export interface DomainInfo {
  code: string;
  active: boolean;
}

export interface ValidationContext {
  /** Domains the submitting unit may report (from its token or the unit register). */
  unitDomains: ReadonlySet<string>;
  /** The catalogue from entities, by code. */
  catalogue: ReadonlyMap<string, DomainInfo>;
  /** Today in Guizhou, YYYY-MM-DD. */
  today: string;
}

export type RowOutcome =
  | { kind: 'record'; content: RecordContent }
  | { kind: 'excluded'; content: RecordContent; reasons: RecordRowProblem[] }
  | { kind: 'rejected'; problems: RecordRowProblem[] };

const REGION = /^52\d{4}$/;

class Checker {
  readonly problems: RecordRowProblem[] = [];
  add(field: string, code: RowReason, message: string) {
    this.problems.push({ field, code, message });
  }
  text(field: string, value: string | null | undefined, max: number, required: boolean): string | null {
    const v = value?.trim() ?? '';
    if (!v) {
      if (required) this.add(field, RowReason.MISSING_FIELD, 'is required');
      return null;
    }
    if (Array.from(v).length > max) this.add(field, RowReason.TOO_LONG, `must be at most ${max} characters`);
    if (hasControlCharacters(v, { multiline: true }))
      this.add(field, RowReason.INVALID_VALUE, 'must not contain control characters');
    return v;
  }
  date(field: string, value: string | null | undefined, required: boolean): string | null {
    const v = value?.trim() ?? '';
    if (!v) {
      if (required) this.add(field, RowReason.MISSING_FIELD, 'is required');
      return null;
    }
    if (!isIsoDate(v)) {
      this.add(field, RowReason.INVALID_DATE, `must be a real date YYYY-MM-DD, got "${v}"`);
      return null;
    }
    return v;
  }
  amount(field: string, value: string | null | undefined): string | null {
    const v = value?.trim().replace(/,/g, '') ?? '';
    if (!v) return null;
    if (/^-\s*\d/.test(v)) {
      this.add(field, RowReason.NEGATIVE_AMOUNT, `must not be negative, got ${v}`);
      return null;
    }
    if (!AMOUNT.test(v)) {
      this.add(
        field,
        RowReason.INVALID_AMOUNT,
        `must be yuan with at most two decimals (up to 12 integer digits), got "${v}"`,
      );
      return null;
    }
    return normaliseAmount(v);
  }
  oneOf<T extends string>(
    field: string,
    value: string | null | undefined,
    allowed: Record<string, T>,
    required: boolean,
  ): T | null {
    const v = value?.trim() ?? '';
    if (!v) {
      if (required) this.add(field, RowReason.MISSING_FIELD, 'is required');
      return null;
    }
    if (!Object.values(allowed).includes(v as T)) {
      this.add(field, RowReason.INVALID_VALUE, `must be one of ${Object.values(allowed).join(', ')}, got "${v}"`);
      return null;
    }
    return v as T;
  }
}

function codeProblem(
  c: Checker,
  field: string,
  code: string,
  kind: CodeKind | undefined,
): { normalized: string; kind?: CodeKind } {
  let check = checkSubjectCode(code, kind);
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
    c.add(
      field,
      check.problem === 'CHECK_CHARACTER' ? RowReason.BAD_CHECK_CHARACTER : RowReason.INVALID_CODE,
      `invalid ${rule}: ${check.message}`,
    );
    return { normalized: check.normalized };
  }
  if (kind) return { normalized: check.normalized, kind };
  // Without a stated type a code that passes GB 32100 is taken as an organisation's (about 1 in 31
  // resident IDs also pass it by chance, so units reporting natural persons should send subjectType).
  return {
    normalized: check.normalized,
    kind: checkCreditCode(check.normalized).valid ? 'CREDIT_CODE' : 'RESIDENT_ID',
  };
}

/**
 * Checks one row against the plan's rules and the unit's rights; returns the normalised content
 * or every problem found. A valid decision that is lawfully not punished, or not confirmed by an
 * effective legal document, is EXCLUDED: acknowledged, never a record.
 */
export function validateRecordRow(row: RecordRow, ctx: ValidationContext): RowOutcome {
  const c = new Checker();
  const decisionNumber = c.text('decisionNumber', row.decisionNumber, 100, true);
  const category = c.oneOf('category', row.category, RecordCategory, true);
  const simplifiedProcedure = row.simplifiedProcedure === true;
  if (simplifiedProcedure && category && category !== RecordCategory.ADMINISTRATIVE_PENALTY) {
    c.add(
      'simplifiedProcedure',
      RowReason.INVALID_VALUE,
      'only an administrative penalty can be decided under the simplified procedure',
    );
  }
  // 不予处罚 stated in the row's own words counts the same as the notPunished flag (rule map).
  const notPunished = row.notPunished === true ? null : lawfulNonPunishment(row);
  const notRecord = row.notPunished === true || notPunished !== null || row.legallyEffective === false;
  const penalty = category === RecordCategory.ADMINISTRATIVE_PENALTY && !notRecord;

  const domainCode = c.text('domainCode', row.domainCode, 8, true)?.toUpperCase() ?? null;
  if (domainCode) {
    const domain = ctx.catalogue.get(domainCode);
    if (!domain) c.add('domainCode', RowReason.UNKNOWN_DOMAIN, `unknown domain "${domainCode}"`);
    else if (!domain.active)
      c.add('domainCode', RowReason.INACTIVE_DOMAIN, `domain ${domainCode} is inactive and takes no new records`);
    else if (!ctx.unitDomains.has(domainCode))
      c.add('domainCode', RowReason.DOMAIN_NOT_ALLOWED, `domain ${domainCode} is not one your unit reports`);
  }

  const subjectType = c.oneOf('subjectType', row.subjectType, RecordSubjectType, false);
  const rawCode = c.text('creditCode', row.creditCode, 18, true);
  let creditCode: string | null = null;
  let resolvedType: RecordSubjectType | null = subjectType;
  if (rawCode) {
    const kind: CodeKind | undefined =
      subjectType === null
        ? undefined
        : subjectType === RecordSubjectType.NATURAL_PERSON
          ? 'RESIDENT_ID'
          : 'CREDIT_CODE';
    const checked = codeProblem(c, 'creditCode', rawCode, kind);
    creditCode = checked.normalized;
    if (!resolvedType && checked.kind) {
      resolvedType =
        checked.kind === 'RESIDENT_ID'
          ? RecordSubjectType.NATURAL_PERSON
          : creditCode.startsWith('92')
            ? RecordSubjectType.INDIVIDUAL_BUSINESS
            : RecordSubjectType.LEGAL_ENTITY;
    }
  }
  const subjectName = c.text('subjectName', row.subjectName, 200, true);
  const violationType = c.text('violationType', row.violationType, 200, penalty);
  const facts = c.text('facts', row.facts, 10_000, true);
  const legalBasis = c.text('legalBasis', row.legalBasis, 10_000, true);
  const types = (row.penaltyTypes ?? []).map((t) => t.trim()).filter(Boolean);
  if (types.some((t) => t.includes(';')))
    c.add('penaltyTypes', RowReason.INVALID_VALUE, 'a penalty type must not contain ";"');
  const penaltyTypes = types.length ? types.join(';') : null;
  if (penalty && !penaltyTypes)
    c.add('penaltyTypes', RowReason.MISSING_FIELD, 'is required for an administrative penalty');
  if (penaltyTypes && penaltyTypes.length > 300)
    c.add('penaltyTypes', RowReason.TOO_LONG, 'must be at most 300 characters together');
  const penaltyContent = c.text('penaltyContent', row.penaltyContent, 10_000, !notRecord);
  const fineAmount = c.amount('fineAmount', row.fineAmount);
  const confiscatedAmount = c.amount('confiscatedAmount', row.confiscatedAmount);
  const licenceAction = c.oneOf('licenceAction', row.licenceAction, LicenceAction, false);
  const licenceDetail = c.text('licenceDetail', row.licenceDetail, 200, false);

  const decisionDate = c.date('decisionDate', row.decisionDate, true);
  if (decisionDate && decisionDate < FIRST_RECORD_DATE) {
    c.add(
      'decisionDate',
      RowReason.DATE_BEFORE_2020,
      `records are collected from ${FIRST_RECORD_DATE}; got ${decisionDate}`,
    );
  } else if (decisionDate && decisionDate > ctx.today) {
    c.add('decisionDate', RowReason.DATE_IN_FUTURE, `must not be after today (${ctx.today}); got ${decisionDate}`);
  }
  const effectiveUntil = c.date('effectiveUntil', row.effectiveUntil, false);
  const publicityDeadline = c.date('publicityDeadline', row.publicityDeadline, false);
  for (const [field, value] of [
    ['effectiveUntil', effectiveUntil],
    ['publicityDeadline', publicityDeadline],
  ] as const) {
    if (value && decisionDate && value < decisionDate)
      c.add(field, RowReason.DATE_ORDER, `must not be before the decision date ${decisionDate}`);
  }
  const decidingAuthority = c.text('decidingAuthority', row.decidingAuthority, 200, true);
  const rawAuthorityCode = c.text('decidingAuthorityCode', row.decidingAuthorityCode, 18, true);
  const decidingAuthorityCode = rawAuthorityCode
    ? codeProblem(c, 'decidingAuthorityCode', rawAuthorityCode, 'CREDIT_CODE').normalized
    : null;
  const regionCode = c.text('regionCode', row.regionCode, 6, true);
  if (regionCode && !REGION.test(regionCode))
    c.add('regionCode', RowReason.INVALID_VALUE, `must be a Guizhou GB/T 2260 code (52xxxx), got "${regionCode}"`);
  const remarks = c.text('remarks', row.remarks, 500, false);

  if (c.problems.length > 0) return { kind: 'rejected', problems: c.problems };
  const content: RecordContent = {
    decisionNumber: decisionNumber!,
    category: category!,
    simplifiedProcedure,
    domainCode: domainCode!,
    creditCode: creditCode!,
    subjectName: subjectName!,
    subjectType: resolvedType!,
    violationType,
    facts: facts!,
    legalBasis: legalBasis!,
    penaltyTypes,
    penaltyContent,
    fineAmount,
    confiscatedAmount,
    licenceAction,
    licenceDetail,
    decisionDate: decisionDate!,
    effectiveUntil,
    publicityDeadline,
    decidingAuthority: decidingAuthority!,
    decidingAuthorityCode: decidingAuthorityCode!,
    regionCode: regionCode!,
    remarks,
  };
  if (notPunished) {
    return {
      kind: 'excluded',
      content,
      reasons: [
        {
          field: notPunished.field,
          code: RowReason.LAWFULLY_NOT_PUNISHED,
          message: `${notPunished.wording}: a lawful non-punishment is not a record`,
        },
      ],
    };
  }
  if (row.notPunished === true) {
    return {
      kind: 'excluded',
      content,
      reasons: [
        {
          field: 'notPunished',
          code: RowReason.LAWFULLY_NOT_PUNISHED,
          message: '依法不予行政处罚: acknowledged, not a record',
        },
      ],
    };
  }
  if (row.legallyEffective === false) {
    return {
      kind: 'excluded',
      content,
      reasons: [
        {
          field: 'legallyEffective',
          code: RowReason.NOT_LEGALLY_EFFECTIVE,
          message: 'not confirmed by an effective legal document: not a record (submit again once effective)',
        },
      ],
    };
  }
  return { kind: 'record', content };
}

/** Same value as stored? (null, undefined and '' are all "absent"). */
export const sameValue = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

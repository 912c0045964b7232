import {
  checkAmount,
  checkRecordCode,
  choiceProblem,
  dateProblem,
  decisionDateProblem,
  domainCodeProblem,
  lawfulNonPunishment,
  penaltyTypesProblems,
  regionCodeProblem,
  textProblems,
  PLAIN_RECORD_FIELDS,
  RECORD_FIELDS,
  type CodeKind,
  type PlainContentFields,
  type PlainRowFields,
  type RecordFieldProblem,
  type RecordRule,
  type RecordTextField,
} from '@credit/shared';
import { LicenceAction, RecordCategory, RecordSubjectType } from '../record/record.type';
import { RowReason, type RecordRowProblem } from './rowProblem';

/** A row as it arrives, from GraphQL (RecordInput) or a file (strings for enums); plain fields from the field table. */
export interface RecordRow extends PlainRowFields {
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
  notPunished?: boolean | null;
  legallyEffective?: boolean | null;
}

/** The stored content of a record, normalised (what a re-submission is compared on); plain fields from the field table. */
export interface RecordContent extends PlainContentFields {
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
}

/** The fields a record stores for its decision, in the field table's order (the number is its key). */
export const CONTENT_FIELDS: (keyof RecordContent)[] = RECORD_FIELDS.map((f) => f.name).filter(
  (f) => f !== 'decisionNumber',
);

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

/** Shared rule codes as this subgraph's row reasons (a new shared code fails the build until mapped). */
const REASON: { [K in RecordRule]: RowReason } = {
  MISSING_FIELD: RowReason.MISSING_FIELD,
  BAD_CHECK_CHARACTER: RowReason.BAD_CHECK_CHARACTER,
  INVALID_CODE: RowReason.INVALID_CODE,
  UNKNOWN_DOMAIN: RowReason.UNKNOWN_DOMAIN,
  INVALID_DATE: RowReason.INVALID_DATE,
  DATE_BEFORE_2020: RowReason.DATE_BEFORE_2020,
  DATE_IN_FUTURE: RowReason.DATE_IN_FUTURE,
  NEGATIVE_AMOUNT: RowReason.NEGATIVE_AMOUNT,
  INVALID_AMOUNT: RowReason.INVALID_AMOUNT,
  INVALID_VALUE: RowReason.INVALID_VALUE,
  TOO_LONG: RowReason.TOO_LONG,
};

/** Applies the shared field rules (shared/src/contracts/recordContent.ts) and collects every problem of a row. */
export class Checker {
  readonly problems: RecordRowProblem[] = [];
  add(field: string, code: RowReason, message: string) {
    this.problems.push({ field, code, message });
  }
  rule(field: string, p: RecordFieldProblem | null | undefined): boolean {
    if (p) this.add(field, REASON[p.code], p.message);
    return !!p;
  }
  text(field: RecordTextField, value: string | null | undefined, required: boolean): string | null {
    const v = value?.trim() ?? '';
    if (!v) {
      if (required) this.add(field, RowReason.MISSING_FIELD, 'is required');
      return null;
    }
    for (const p of textProblems(field, v)) this.rule(field, p);
    return v;
  }
  date(field: string, value: string | null | undefined, required: boolean): string | null {
    const v = value?.trim() ?? '';
    if (!v) {
      if (required) this.add(field, RowReason.MISSING_FIELD, 'is required');
      return null;
    }
    return this.rule(field, dateProblem(v)) ? null : v;
  }
  amount(field: string, value: string | null | undefined): string | null {
    if (!value?.trim().replace(/,/g, '')) return null;
    const checked = checkAmount(value);
    if ('problem' in checked) {
      this.rule(field, checked.problem);
      return null;
    }
    return checked.value;
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
    return this.rule(field, choiceProblem(v, Object.values(allowed))) ? null : (v as T);
  }
  code(field: string, raw: string, kind: CodeKind | undefined): { normalized: string; kind?: CodeKind } {
    const checked = checkRecordCode(raw, kind);
    this.rule(field, checked.problem);
    return checked;
  }
}

/** Category, and the simplified procedure only for an administrative penalty (简易程序). */
export function checkCategory(c: Checker, row: RecordRow) {
  const category = c.oneOf('category', row.category, RecordCategory, true);
  const simplifiedProcedure = row.simplifiedProcedure === true;
  if (simplifiedProcedure && category && category !== RecordCategory.ADMINISTRATIVE_PENALTY) {
    c.add(
      'simplifiedProcedure',
      RowReason.INVALID_VALUE,
      'only an administrative penalty can be decided under the simplified procedure',
    );
  }
  return { category, simplifiedProcedure };
}

/**
 * Why a valid decision is not a record, if it is not: lawfully not punished (the notPunished flag,
 * or 不予处罚 stated in the row's own words, rule map), or not confirmed by an effective legal document.
 */
export function notARecord(row: RecordRow): RecordRowProblem | null {
  if (row.notPunished === true)
    return {
      field: 'notPunished',
      code: RowReason.LAWFULLY_NOT_PUNISHED,
      message: '依法不予行政处罚: acknowledged, not a record',
    };
  const wording = lawfulNonPunishment(row);
  if (wording)
    return {
      field: wording.field,
      code: RowReason.LAWFULLY_NOT_PUNISHED,
      message: `${wording.wording}: a lawful non-punishment is not a record`,
    };
  if (row.legallyEffective === false)
    return {
      field: 'legallyEffective',
      code: RowReason.NOT_LEGALLY_EFFECTIVE,
      message: 'not confirmed by an effective legal document: not a record (submit again once effective)',
    };
  return null;
}

/** A source unit submits only records of active catalogue domains it reports (谁产生、谁归集、谁负责). */
export function checkUnitDomain(c: Checker, row: RecordRow, ctx: ValidationContext): string | null {
  const domainCode = c.text('domainCode', row.domainCode, true)?.toUpperCase() ?? null;
  if (domainCode && !c.rule('domainCode', domainCodeProblem(domainCode))) {
    const domain = ctx.catalogue.get(domainCode);
    if (!domain) c.add('domainCode', RowReason.UNKNOWN_DOMAIN, `unknown domain "${domainCode}"`);
    else if (!domain.active)
      c.add('domainCode', RowReason.INACTIVE_DOMAIN, `domain ${domainCode} is inactive and takes no new records`);
    else if (!ctx.unitDomains.has(domainCode))
      c.add('domainCode', RowReason.DOMAIN_NOT_ALLOWED, `domain ${domainCode} is not one your unit reports`);
  }
  return domainCode;
}

/** The subject: its code checked against its type, the type inferred from the code when absent. */
export function checkSubject(c: Checker, row: RecordRow) {
  const subjectType = c.oneOf('subjectType', row.subjectType, RecordSubjectType, false);
  const rawCode = c.text('creditCode', row.creditCode, true);
  let creditCode: string | null = null;
  let resolvedType: RecordSubjectType | null = subjectType;
  if (rawCode) {
    const kind: CodeKind | undefined =
      subjectType === null
        ? undefined
        : subjectType === RecordSubjectType.NATURAL_PERSON
          ? 'RESIDENT_ID'
          : 'CREDIT_CODE';
    const checked = c.code('creditCode', rawCode, kind);
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
  const subjectName = c.text('subjectName', row.subjectName, true);
  return { creditCode, subjectType: resolvedType, subjectName };
}

/**
 * What was decided: an administrative penalty that is a record needs its violation type and penalty
 * types; every record its penalty content.
 */
export function checkDecision(c: Checker, row: RecordRow, penalty: boolean, notRecord: boolean) {
  const violationType = c.text('violationType', row.violationType, penalty);
  const facts = c.text('facts', row.facts, true);
  const legalBasis = c.text('legalBasis', row.legalBasis, true);
  const types = (row.penaltyTypes ?? []).map((t) => t.trim()).filter(Boolean);
  const penaltyTypes = types.length ? types.join(';') : null;
  if (penalty && !penaltyTypes)
    c.add('penaltyTypes', RowReason.MISSING_FIELD, 'is required for an administrative penalty');
  for (const p of penaltyTypesProblems(types)) c.rule('penaltyTypes', p);
  const penaltyContent = c.text('penaltyContent', row.penaltyContent, !notRecord);
  const fineAmount = c.amount('fineAmount', row.fineAmount);
  const confiscatedAmount = c.amount('confiscatedAmount', row.confiscatedAmount);
  const licenceAction = c.oneOf('licenceAction', row.licenceAction, LicenceAction, false);
  const licenceDetail = c.text('licenceDetail', row.licenceDetail, false);
  return {
    violationType,
    facts,
    legalBasis,
    penaltyTypes,
    penaltyContent,
    fineAmount,
    confiscatedAmount,
    licenceAction,
    licenceDetail,
  };
}

/** The decision date from 2020 and not in the future; a validity or publicity end not before it. */
export function checkDates(c: Checker, row: RecordRow, today: string) {
  const decisionDate = c.date('decisionDate', row.decisionDate, true);
  if (decisionDate) c.rule('decisionDate', decisionDateProblem(decisionDate, today));
  const effectiveUntil = c.date('effectiveUntil', row.effectiveUntil, false);
  const publicityDeadline = c.date('publicityDeadline', row.publicityDeadline, false);
  for (const [field, value] of [
    ['effectiveUntil', effectiveUntil],
    ['publicityDeadline', publicityDeadline],
  ] as const) {
    if (value && decisionDate && value < decisionDate)
      c.add(field, RowReason.DATE_ORDER, `must not be before the decision date ${decisionDate}`);
  }
  return { decisionDate, effectiveUntil, publicityDeadline };
}

/** The fields with no rule of their own (the field table's plain ones): length and control characters. */
export function checkPlainFields(c: Checker, row: RecordRow): PlainContentFields {
  const out = {} as PlainContentFields;
  for (const f of PLAIN_RECORD_FIELDS) out[f] = c.text(f, row[f], false);
  return out;
}

/** The deciding authority, named and with a valid credit code: half of the decision's identity. */
export function checkAuthority(c: Checker, row: RecordRow) {
  const decidingAuthority = c.text('decidingAuthority', row.decidingAuthority, true);
  const rawAuthorityCode = c.text('decidingAuthorityCode', row.decidingAuthorityCode, true);
  const decidingAuthorityCode = rawAuthorityCode
    ? c.code('decidingAuthorityCode', rawAuthorityCode, 'CREDIT_CODE').normalized
    : null;
  return { decidingAuthority, decidingAuthorityCode };
}

/**
 * Checks one row against the plan's rules and the unit's rights; returns the normalised content
 * or every problem found, in the order of the steps above. A valid decision that is not a record
 * (notARecord) is EXCLUDED: acknowledged, never a record.
 */
export function validateRecordRow(
  row: RecordRow,
  ctx: ValidationContext,
  /** The row's region, or the one it gets by default (SubmissionService.prepare). */
  givenRegion: string | null | undefined = row.regionCode,
): RowOutcome {
  const c = new Checker();
  const decisionNumber = c.text('decisionNumber', row.decisionNumber, true);
  const { category, simplifiedProcedure } = checkCategory(c, row);
  const exclusion = notARecord(row);
  const penalty = category === RecordCategory.ADMINISTRATIVE_PENALTY && !exclusion;
  const domainCode = checkUnitDomain(c, row, ctx);
  const subject = checkSubject(c, row);
  const decision = checkDecision(c, row, penalty, exclusion !== null);
  const dates = checkDates(c, row, ctx.today);
  const authority = checkAuthority(c, row);
  const regionCode = c.text('regionCode', givenRegion, true);
  if (regionCode) c.rule('regionCode', regionCodeProblem(regionCode));
  const plain = checkPlainFields(c, row);

  if (c.problems.length > 0) return { kind: 'rejected', problems: c.problems };
  // A fixed literal, then the plain fields: a spread would take V8's slow path on every row.
  const content = {
    decisionNumber: decisionNumber!,
    category: category!,
    simplifiedProcedure,
    domainCode: domainCode!,
    creditCode: subject.creditCode!,
    subjectName: subject.subjectName!,
    subjectType: subject.subjectType!,
    violationType: decision.violationType,
    facts: decision.facts!,
    legalBasis: decision.legalBasis!,
    penaltyTypes: decision.penaltyTypes,
    penaltyContent: decision.penaltyContent,
    fineAmount: decision.fineAmount,
    confiscatedAmount: decision.confiscatedAmount,
    licenceAction: decision.licenceAction,
    licenceDetail: decision.licenceDetail,
    decisionDate: dates.decisionDate!,
    effectiveUntil: dates.effectiveUntil,
    publicityDeadline: dates.publicityDeadline,
    decidingAuthority: authority.decidingAuthority!,
    decidingAuthorityCode: authority.decidingAuthorityCode!,
    regionCode: regionCode!,
  } as RecordContent;
  for (const f of PLAIN_RECORD_FIELDS) content[f] = plain[f];
  return exclusion ? { kind: 'excluded', content, reasons: [exclusion] } : { kind: 'record', content };
}

/** Same value as stored? (null, undefined and '' are all "absent"). */
export const sameValue = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

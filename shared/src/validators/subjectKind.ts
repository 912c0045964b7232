import { checkCreditCode } from './creditCode';
import { checkResidentId } from './residentId';
import { SUBJECT_KIND_ZH } from '../contracts/terms';

/**
 * Kinds of credit subject the register holds. A credit code's kind is not chosen but read from
 * its first two characters (GB 32100-2015: registration department, then category), so every
 * service that registers or reads subjects applies `resolveSubjectKind` below.
 */
export const SUBJECT_KINDS = [
  'ENTERPRISE',
  'INDIVIDUAL_BUSINESS',
  'FARMER_COOPERATIVE',
  'SOCIAL_ORGANIZATION',
  'PRIVATE_NON_ENTERPRISE',
  'FOUNDATION',
  'PUBLIC_INSTITUTION',
  'OTHER_ORGANIZATION',
  'NATURAL_PERSON',
] as const;
export type SubjectKindName = (typeof SUBJECT_KINDS)[number];

export interface CreditCodeCategory {
  /** The code's first two characters. */
  code: string;
  nameZh: string;
  /** Null: a category that is not a credit subject (机关 decide, they are not reported on). */
  kind: SubjectKindName | null;
}

const OTHER = 'OTHER_ORGANIZATION';
// GB 32100-2015 table 1 (and the N/A departments added since): category -> subject kind.
const CATEGORIES: Record<string, [string, SubjectKindName | null]> = {
  '11': ['机关', null],
  '12': ['事业单位', 'PUBLIC_INSTITUTION'],
  '13': ['中央编办直接管理机构编制的群众团体', 'SOCIAL_ORGANIZATION'],
  '19': ['机构编制部门登记的其他机构', OTHER],
  '21': ['外国常驻新闻机构', OTHER],
  '29': ['外交部门登记的其他机构', OTHER],
  '31': ['律师执业机构', OTHER],
  '32': ['公证处', OTHER],
  '33': ['基层法律服务所', OTHER],
  '34': ['司法鉴定机构', OTHER],
  '35': ['仲裁委员会', OTHER],
  '39': ['司法行政部门登记的其他机构', OTHER],
  '41': ['外国在华文化中心', OTHER],
  '49': ['文化部门登记的其他文化机构', OTHER],
  '51': ['社会团体', 'SOCIAL_ORGANIZATION'],
  '52': ['民办非企业单位（社会服务机构）', 'PRIVATE_NON_ENTERPRISE'],
  '53': ['基金会', 'FOUNDATION'],
  '59': ['民政部门登记的其他组织', OTHER],
  '61': ['外国旅游部门常驻代表机构', OTHER],
  '62': ['港澳台地区旅游部门常驻内地（大陆）代表机构', OTHER],
  '69': ['旅游部门登记的其他机构', OTHER],
  '71': ['宗教活动场所', OTHER],
  '72': ['宗教院校', OTHER],
  '79': ['宗教部门登记的其他宗教机构', OTHER],
  '81': ['基层工会', OTHER],
  '89': ['工会部门登记的其他机构', OTHER],
  '91': ['企业', 'ENTERPRISE'],
  '92': ['个体工商户', 'INDIVIDUAL_BUSINESS'],
  '93': ['农民专业合作社', 'FARMER_COOPERATIVE'],
  A1: ['军队事业单位', 'PUBLIC_INSTITUTION'],
  A9: ['中央军委改革和编制办公室登记的其他机构', OTHER],
  N1: ['农村集体经济组织', OTHER],
  N2: ['经济联合社', OTHER],
  N3: ['村民小组级集体经济组织', OTHER],
  N9: ['农业部门登记的其他农村集体经济组织', OTHER],
  Y1: ['其他登记管理部门登记的机构', OTHER],
};

/** The registration category a credit code names, or undefined for a pair GB 32100 does not define. */
export function creditCodeCategory(code: string): CreditCodeCategory | undefined {
  const key = code.trim().toUpperCase().slice(0, 2);
  const entry = CATEGORIES[key];
  return entry && { code: key, nameZh: entry[0], kind: entry[1] };
}

export type SubjectKindReason = 'INVALID_CODE' | 'NOT_A_SUBJECT_CATEGORY' | 'KIND_MISMATCH' | 'KIND_REQUIRED';

export interface SubjectKindProblem {
  field: 'creditCode' | 'kind';
  reason: SubjectKindReason;
  message: string;
  /** The kind the code calls for (KIND_MISMATCH). */
  expected?: SubjectKindName;
}

export type SubjectKindCheck =
  | { normalized: string; kind: SubjectKindName; problem?: undefined }
  | { normalized: string; kind?: undefined; problem: SubjectKindProblem };

const categoryText = (c: CreditCodeCategory) => `category ${c.code} (${c.nameZh})`;

function kindOfValidCreditCode(code: string): { kind: SubjectKindName } | { problem: SubjectKindProblem } {
  const category = creditCodeCategory(code);
  if (!category)
    return {
      problem: {
        field: 'creditCode',
        reason: 'INVALID_CODE',
        message: `'${code.slice(0, 2)}' is not a GB 32100 registration department and category`,
      },
    };
  if (!category.kind)
    return {
      problem: {
        field: 'creditCode',
        reason: 'NOT_A_SUBJECT_CATEGORY',
        message: `${categoryText(category)} is not a kind of credit subject this register holds`,
      },
    };
  return { kind: category.kind };
}

/**
 * The code checked by the rule of its kind and the kind checked against the code: a credit code's
 * kind is that of its registration category, a natural person's code is a resident ID. Without a
 * kind it is inferred; a code valid both ways (1 resident ID in 31 passes the credit-code check)
 * needs the kind given.
 */
export function resolveSubjectKind(raw: string, given?: string | null): SubjectKindCheck {
  const code = raw.trim().toUpperCase();
  if (given === 'NATURAL_PERSON') {
    const id = checkResidentId(code);
    if (id.valid) return { normalized: code, kind: 'NATURAL_PERSON' };
    return {
      normalized: code,
      problem: {
        field: 'creditCode',
        reason: 'INVALID_CODE',
        message: `invalid resident ID (GB 11643): ${id.message}`,
      },
    };
  }
  const credit = checkCreditCode(code);
  const byCredit = credit.valid ? kindOfValidCreditCode(code) : undefined;
  if (given) {
    if (!byCredit && /^\d{17}[\dX]$/.test(code) && checkResidentId(code).valid)
      return {
        normalized: code,
        problem: {
          field: 'kind',
          reason: 'KIND_MISMATCH',
          expected: 'NATURAL_PERSON',
          message: `must be NATURAL_PERSON (${SUBJECT_KIND_ZH.NATURAL_PERSON}): the code is a resident ID, not a credit code of a ${given}`,
        },
      };
    if (!byCredit)
      return {
        normalized: code,
        problem: {
          field: 'creditCode',
          reason: 'INVALID_CODE',
          message: `invalid credit code (GB 32100): ${credit.message}`,
        },
      };
    if ('problem' in byCredit) return { normalized: code, problem: byCredit.problem };
    if (byCredit.kind === given) return { normalized: code, kind: byCredit.kind };
    return {
      normalized: code,
      problem: {
        field: 'kind',
        reason: 'KIND_MISMATCH',
        expected: byCredit.kind,
        message: `must be ${byCredit.kind} (${SUBJECT_KIND_ZH[byCredit.kind]}): the credit code is of ${categoryText(creditCodeCategory(code)!)}, not ${given}`,
      },
    };
  }
  const looksLikeId = /^\d{17}[\dX]$/.test(code);
  const person = looksLikeId ? checkResidentId(code) : undefined;
  if (byCredit && 'kind' in byCredit && person?.valid)
    return {
      normalized: code,
      problem: {
        field: 'kind',
        reason: 'KIND_REQUIRED',
        message: `is required: the code is valid both as a credit code of ${categoryText(creditCodeCategory(code)!)} and as a resident ID`,
      },
    };
  if (byCredit && 'kind' in byCredit) return { normalized: code, kind: byCredit.kind };
  if (person?.valid) return { normalized: code, kind: 'NATURAL_PERSON' };
  if (byCredit) return { normalized: code, problem: byCredit.problem };
  const message =
    looksLikeId && !credit.valid
      ? `neither a credit code (GB 32100: ${credit.message}) nor a resident ID (GB 11643: ${person!.message})`
      : `invalid credit code (GB 32100): ${credit.message}`;
  return { normalized: code, problem: { field: 'creditCode', reason: 'INVALID_CODE', message } };
}

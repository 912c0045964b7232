import { makeCreditCode, makeResidentId } from '@credit/shared';

let serial = 30_000_000 + Math.floor(Math.random() * 1_000_000);

/** A valid enterprise row for `upsertSubjects`; override any field. */
export function enterpriseInput(over: Record<string, unknown> = {}) {
  serial += 13;
  return {
    creditCode: makeCreditCode('91', '520100', serial),
    kind: 'ENTERPRISE',
    name: `测试建材有限公司${serial}`,
    legalRepresentative: '王建国',
    regionCode: '520100',
    registrationAuthority: '贵阳市市场监督管理局',
    establishedOn: '2015-06-01',
    status: 'ACTIVE',
    ...over,
  };
}

export function naturalPersonInput(over: Record<string, unknown> = {}) {
  serial += 13;
  return {
    creditCode: makeResidentId('520102', '19850615', serial),
    kind: 'NATURAL_PERSON',
    name: '欧阳明华',
    regionCode: '520100',
    status: 'ACTIVE',
    ...over,
  };
}

export const UPSERT = `mutation Upsert($subjects: [SubjectInput!]!) {
  upsertSubjects(subjects: $subjects) {
    created updated unchanged rejected
    results { index creditCode verdict reasons { field message } }
  }
}`;

export const SUBJECT = `query Subject($code: String!) {
  subject(creditCode: $code) { creditCode kind name legalRepresentative regionCode status masked }
}`;

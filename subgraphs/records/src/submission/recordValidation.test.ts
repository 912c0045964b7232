import { makeCreditCode, makeResidentId, RecordRule } from '@credit/shared';
import { RowReason } from './rowProblem';
import { validateRecordRow, type RecordRow, type ValidationContext } from './recordValidation';

const ctx: ValidationContext = {
  unitDomains: new Set(['D07', 'D44']),
  catalogue: new Map([
    ['D07', { code: 'D07', active: true }],
    ['D14', { code: 'D14', active: true }],
    ['D44', { code: 'D44', active: false }],
  ]),
  today: '2025-06-30',
};

const code = makeCreditCode('91', '520100', 21_443_414);
const valid: RecordRow = {
  decisionNumber: '黔市监罚〔2025〕1号',
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode: code,
  subjectName: '贵阳某某有限公司',
  violationType: '虚假广告',
  facts: '经查……',
  legalBasis: '《广告法》第五十五条',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款1万元',
  fineAmount: '10000',
  decisionDate: '2025-06-01',
  decidingAuthority: '贵阳市市场监督管理局',
  decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
  regionCode: '520100',
};
const reasons = (row: RecordRow) => {
  const r = validateRecordRow(row, ctx);
  return r.kind === 'rejected' ? r.problems.map((p) => `${p.field}:${p.code}`) : [];
};

describe('record row validation', () => {
  it('accepts a valid penalty and normalises it', () => {
    const r = validateRecordRow({ ...valid, fineAmount: '1,000.5', domainCode: 'd07' }, ctx);
    expect(r.kind).toBe('record');
    if (r.kind !== 'record') return;
    expect(r.content).toMatchObject({
      fineAmount: '1000.50',
      domainCode: 'D07',
      subjectType: 'LEGAL_ENTITY',
      penaltyTypes: '罚款',
      simplifiedProcedure: false,
    });
  });

  it.each([
    [{ creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') }, 'creditCode:BAD_CHECK_CHARACTER'],
    [{ creditCode: '91520100ABC' }, 'creditCode:INVALID_CODE'],
    [{ decidingAuthorityCode: '11520000112000001' + 'Z' }, 'decidingAuthorityCode:INVALID_CODE'],
    [{ domainCode: 'D99' }, 'domainCode:UNKNOWN_DOMAIN'],
    [{ domainCode: 'D44' }, 'domainCode:INACTIVE_DOMAIN'],
    [{ domainCode: 'D14' }, 'domainCode:DOMAIN_NOT_ALLOWED'],
    [{ decisionDate: '2019-12-31' }, 'decisionDate:DATE_BEFORE_2020'],
    [{ decisionDate: '2025-07-01' }, 'decisionDate:DATE_IN_FUTURE'],
    [{ decisionDate: '2025-02-30' }, 'decisionDate:INVALID_DATE'],
    [{ publicityDeadline: '2025-05-01' }, 'publicityDeadline:DATE_ORDER'],
    [{ fineAmount: '-5' }, 'fineAmount:NEGATIVE_AMOUNT'],
    [{ confiscatedAmount: '12.345' }, 'confiscatedAmount:INVALID_AMOUNT'],
    [{ facts: '  ' }, 'facts:MISSING_FIELD'],
    [{ decisionNumber: null }, 'decisionNumber:MISSING_FIELD'],
    [{ penaltyTypes: [] }, 'penaltyTypes:MISSING_FIELD'],
    [{ violationType: null }, 'violationType:MISSING_FIELD'],
    [{ category: 'WARNING_LETTER' }, 'category:INVALID_VALUE'],
    [{ category: 'ADMINISTRATIVE_COERCION', simplifiedProcedure: true }, 'simplifiedProcedure:INVALID_VALUE'],
    [{ regionCode: '110000' }, 'regionCode:INVALID_VALUE'],
    [{ subjectName: 'x'.repeat(201) }, 'subjectName:TOO_LONG'],
  ] as [RecordRow, string][])('rejects %j with %s', (over, expected) => {
    expect(reasons({ ...valid, ...over })).toEqual([expected]);
  });

  it('reports every problem of a row at once', () => {
    expect(
      reasons({ ...valid, domainCode: 'D14', fineAmount: '-1', decisionDate: '2019-01-01', subjectName: '' }).sort(),
    ).toEqual([
      'decisionDate:DATE_BEFORE_2020',
      'domainCode:DOMAIN_NOT_ALLOWED',
      'fineAmount:NEGATIVE_AMOUNT',
      'subjectName:MISSING_FIELD',
    ]);
  });

  it('checks a natural person against GB 11643 and infers the type from the code', () => {
    const id = makeResidentId('520102', '19850615', 77);
    const r = validateRecordRow({ ...valid, creditCode: id, subjectType: 'NATURAL_PERSON' }, ctx);
    expect(r.kind).toBe('record');
    expect(
      reasons({ ...valid, creditCode: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), subjectType: 'NATURAL_PERSON' }),
    ).toEqual(['creditCode:BAD_CHECK_CHARACTER']);
    expect(reasons({ ...valid, creditCode: code, subjectType: 'NATURAL_PERSON' })[0]).toMatch(/^creditCode:/);
  });

  it('allows a simplified-procedure penalty without a violation type only when it is not a penalty', () => {
    expect(validateRecordRow({ ...valid, simplifiedProcedure: true }, ctx)).toMatchObject({
      kind: 'record',
      content: { simplifiedProcedure: true },
    });
    expect(
      validateRecordRow({ ...valid, category: 'CRIMINAL_JUDGMENT', violationType: null, penaltyTypes: null }, ctx).kind,
    ).toBe('record');
  });
});

describe('the EXCLUDED rule', () => {
  it('acknowledges a lawfully-not-punished decision as EXCLUDED, not a record', () => {
    const r = validateRecordRow({ ...valid, notPunished: true, penaltyTypes: null, penaltyContent: null }, ctx);
    expect(r.kind).toBe('excluded');
    if (r.kind === 'excluded') expect(r.reasons[0].code).toBe(RowReason.LAWFULLY_NOT_PUNISHED);
  });

  it('excludes 处罚类别 其他 with 处罚内容 依法不予行政处罚 (the 处罚类别 says nothing, the content decides)', () => {
    const row = { ...valid, penaltyTypes: ['其他'], penaltyContent: '依法不予行政处罚', fineAmount: null };
    expect(validateRecordRow(row, ctx)).toMatchObject({
      kind: 'excluded',
      reasons: [{ field: 'penaltyContent', code: RowReason.LAWFULLY_NOT_PUNISHED }],
    });
    // The same 处罚类别 with a content that punishes, or a fine, is a record.
    expect(validateRecordRow({ ...row, penaltyContent: '对A不予处罚，对B罚款1万元' }, ctx).kind).toBe('record');
    expect(validateRecordRow({ ...row, fineAmount: '10000' }, ctx).kind).toBe('record');
  });

  it('excludes a decision not confirmed by an effective legal document', () => {
    const r = validateRecordRow({ ...valid, legallyEffective: false }, ctx);
    expect(r.kind === 'excluded' && r.reasons[0].code).toBe(RowReason.NOT_LEGALLY_EFFECTIVE);
  });

  it('still rejects an invalid not-punished row (its rights and dates are checked like any row)', () => {
    expect(reasons({ ...valid, notPunished: true, domainCode: 'D14' })).toEqual(['domainCode:DOMAIN_NOT_ALLOWED']);
  });
});

describe('the row reasons of records', () => {
  it('carry every shared record content rule', () => {
    for (const code of Object.values(RecordRule)) expect(Object.values(RowReason)).toContain(code);
  });
});

import { recordFieldProblems } from './recordContent';

const today = '2026-11-26';
const codes = (field: string, value: string | string[]) =>
  recordFieldProblems(field, value, today).problems.map((p) => p.code);

describe('record content rules, one field at a time', () => {
  it('accepts and normalises good values', () => {
    expect(recordFieldProblems('fineAmount', '1,000.5', today)).toEqual({ value: '1000.50', problems: [] });
    expect(recordFieldProblems('domainCode', 'd07', today).value).toBe('D07');
    expect(recordFieldProblems('penaltyTypes', [' 罚款 ', ''], today)).toEqual({ value: ['罚款'], problems: [] });
    expect(codes('decisionDate', '2020-01-01')).toEqual([]);
    expect(codes('regionCode', '520300')).toEqual([]);
    expect(codes('category', 'CRIMINAL_JUDGMENT')).toEqual([]);
  });

  it('names every broken rule with the code a submission would get', () => {
    expect(codes('decisionDate', '2019-12-31')).toEqual(['DATE_BEFORE_2020']);
    expect(codes('decisionDate', '2026-11-27')).toEqual(['DATE_IN_FUTURE']);
    expect(codes('effectiveUntil', '2026-02-30')).toEqual(['INVALID_DATE']);
    expect(codes('fineAmount', '-5')).toEqual(['NEGATIVE_AMOUNT']);
    expect(codes('confiscatedAmount', '12.345')).toEqual(['INVALID_AMOUNT']);
    expect(codes('licenceAction', 'CANCELLED')).toEqual(['INVALID_VALUE']);
    expect(codes('category', 'FINE')).toEqual(['INVALID_VALUE']);
    expect(codes('regionCode', '510100')).toEqual(['INVALID_VALUE']);
    expect(codes('domainCode', 'X7')).toEqual(['UNKNOWN_DOMAIN']);
    expect(codes('subjectName', '某'.repeat(201))).toEqual(['TOO_LONG']);
    expect(codes('facts', 'a\u0000b')).toEqual(['INVALID_VALUE']);
    expect(codes('facts', '第一行\n第二行\t')).toEqual([]);
    expect(codes('penaltyTypes', ['罚款;警告'])).toEqual(['INVALID_VALUE']);
    expect(codes('decidingAuthorityCode', '11520100MB1234567Q')).toEqual(['BAD_CHECK_CHARACTER']);
  });
});

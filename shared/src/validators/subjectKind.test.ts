import { checkCreditCode } from './creditCode';
import { makeCreditCode, makeResidentId } from './generate';
import { creditCodeCategory, resolveSubjectKind } from './subjectKind';

describe('resolveSubjectKind', () => {
  it('reads the kind from the registration category', () => {
    expect(resolveSubjectKind(makeCreditCode('12', '520100', 1)).kind).toBe('PUBLIC_INSTITUTION');
    expect(resolveSubjectKind(makeCreditCode('52', '520100', 1)).kind).toBe('PRIVATE_NON_ENTERPRISE');
    expect(resolveSubjectKind(makeCreditCode('N1', '520100', 1)).kind).toBe('OTHER_ORGANIZATION');
    expect(creditCodeCategory('A1xxx')).toEqual({ code: 'A1', nameZh: '军队事业单位', kind: 'PUBLIC_INSTITUTION' });
  });

  it('names the expected kind on a mismatch', () => {
    expect(resolveSubjectKind(makeCreditCode('52', '520100', 2), 'ENTERPRISE').problem).toMatchObject({
      field: 'kind',
      reason: 'KIND_MISMATCH',
      expected: 'PRIVATE_NON_ENTERPRISE',
    });
  });

  it('names NATURAL_PERSON for a resident ID registered as an organisation', () => {
    let id = '';
    for (let n = 1; !id || checkCreditCode(id).valid; n++) id = makeResidentId('520102', '19900101', n);
    expect(resolveSubjectKind(id, 'ENTERPRISE').problem).toMatchObject({
      field: 'kind',
      reason: 'KIND_MISMATCH',
      expected: 'NATURAL_PERSON',
    });
  });

  it('asks for the kind when a code is valid both as a credit code and as a resident ID', () => {
    // Search the serials for a resident ID whose last character also passes the GB 32100 check.
    let both: string | undefined;
    for (let n = 1; !both && n < 2000; n++) {
      const id = makeResidentId('520102', '19900101', n);
      if (checkCreditCode(id).valid) both = id;
    }
    // 52… is 民办非企业单位 as a credit code and a Guizhou resident as an ID.
    expect(resolveSubjectKind(both!).problem).toMatchObject({ field: 'kind', reason: 'KIND_REQUIRED' });
    expect(resolveSubjectKind(both!, 'NATURAL_PERSON').kind).toBe('NATURAL_PERSON');
    expect(resolveSubjectKind(both!, 'PRIVATE_NON_ENTERPRISE').kind).toBe('PRIVATE_NON_ENTERPRISE');
  });
});

import { maskIdNumber, maskPersonName } from './masking';
import { canSeePersonalData, principalFromClaims, type Principal } from './principal';

describe('personal data masking', () => {
  it('keeps the region prefix and last four digits of an ID number', () => {
    expect(maskIdNumber('520102198506150012')).toBe('5201**********0012');
  });

  it.each([
    ['张三', '张*'],
    ['王建国', '王*国'],
    ['欧阳明华', '欧**华'],
    ['李', '*'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  it('shows personal data only to the owner, the lead department and services', () => {
    const code = '520102198506150012';
    const as = (p: Principal) => canSeePersonalData(p, code);
    expect(as({ role: 'SUBJECT', sub: 's', creditCode: code })).toBe(true);
    expect(as({ role: 'SUBJECT', sub: 's', creditCode: '91520000214434146R' })).toBe(false);
    expect(as({ role: 'LEAD_DEPARTMENT', sub: 'l' })).toBe(true);
    expect(as({ role: 'SERVICE', sub: 'x', service: 'reports' })).toBe(true);
    expect(as({ role: 'OPERATOR', sub: 'o', operatorId: 'w1' })).toBe(false);
    expect(as({ role: 'PARTNER', sub: 'p', partnerId: 'p', province: '510000' })).toBe(false);
    expect(as({ role: 'ANALYST', sub: 'a' })).toBe(false);
    expect(canSeePersonalData(undefined, code)).toBe(false);
  });
});

describe('principalFromClaims', () => {
  it('requires the claims of each role', () => {
    expect(principalFromClaims({ sub: 'u', role: 'SUBJECT' }).problem).toContain('creditCode');
    expect(principalFromClaims({ sub: 'u', role: 'SOURCE_UNIT' }).problem).toContain('unitCode');
    expect(principalFromClaims({ sub: 'u', role: 'PARTNER', partnerId: 'x' }).problem).toContain('province');
    expect(principalFromClaims({ sub: 'u', role: 'ROOT' }).problem).toBeDefined();
    expect(
      principalFromClaims({ sub: 'u', role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }).principal,
    ).toEqual({
      sub: 'u',
      role: 'SOURCE_UNIT',
      unitCode: 'GZ-D07',
      domains: ['D07'],
    });
  });
});

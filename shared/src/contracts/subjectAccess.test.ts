import { Role, type Principal } from '../auth/principal';
import { ErrorCode } from '../errors';
import { makeCreditCode } from '../validators';
import { assertMayActForSubject, mayActForSubject, subjectActedFor, type SubjectAction } from './subjectAccess';

const own = '91520100210000754L';
const other = makeCreditCode('91', '520300', 4_242_424);
const who: Record<string, Principal> = {
  subject: { sub: 's', role: Role.SUBJECT, creditCode: own },
  operator: { sub: 'o', role: Role.OPERATOR, operatorId: 'w1' },
  partner: { sub: 'p', role: Role.PARTNER, partnerId: 'sc', province: '510000' },
  unit: { sub: 'u', role: Role.SOURCE_UNIT, unitCode: 'GZ-D07', domains: ['D07'] },
  lead: { sub: 'l', role: Role.LEAD_DEPARTMENT },
  analyst: { sub: 'a', role: Role.ANALYST },
  service: { sub: 'x', role: Role.SERVICE, service: 'reports' },
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('may act for this subject', () => {
  it('lets a subject act only for itself, whatever the action', () => {
    for (const action of [
      'subject:read',
      'records:read',
      'report:issue',
      'objection:file',
      'commitment:make',
    ] as const) {
      expect(mayActForSubject(who.subject, action, own)).toBe(true);
      expect(mayActForSubject(who.subject, action, other)).toBe(false);
      expect(codeOf(() => assertMayActForSubject(who.subject, { action, creditCode: other }))).toBe(
        ErrorCode.FORBIDDEN,
      );
    }
  });

  it('keeps each action to the roles the architecture gives it', () => {
    const allowed = (action: SubjectAction) =>
      Object.entries(who)
        .filter(([, p]) => mayActForSubject(p, action, other))
        .map(([name]) => name);
    expect(allowed('subject:read')).toEqual(['operator', 'partner', 'unit', 'lead', 'service']);
    expect(allowed('records:read')).toEqual(['operator', 'unit', 'lead', 'service']);
    for (const act of ['report:issue', 'objection:file', 'commitment:make'] as const)
      expect(allowed(act)).toEqual(['operator']);
  });

  it('answers a missing caller with UNAUTHENTICATED and a refused one with FORBIDDEN', () => {
    expect(codeOf(() => assertMayActForSubject(undefined, { action: 'records:read', creditCode: own }))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
    expect(codeOf(() => assertMayActForSubject(who.analyst, { action: 'subject:read', creditCode: own }))).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it('resolves the subject an act is for from the input', () => {
    const issue = (p: Principal, requested?: string | null) =>
      subjectActedFor(p, { action: 'report:issue', requested, field: 'input.creditCode' });
    expect(issue(who.subject)).toBe(own);
    expect(issue(who.subject, ` ${own.toLowerCase()} `)).toBe(own);
    expect(codeOf(() => issue(who.subject, other))).toBe(ErrorCode.FORBIDDEN);
    expect(issue(who.operator, other.toLowerCase())).toBe(other);
    expect(codeOf(() => issue(who.operator))).toBe(ErrorCode.BAD_USER_INPUT);
    try {
      issue(who.operator, '91520100210000754Q');
      throw new Error('accepted a bad check character');
    } catch (e) {
      expect((e as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        field: 'input.creditCode',
        problem: 'CHECK_CHARACTER',
      });
    }
    // A role that may not act for others is refused before its input is read.
    expect(codeOf(() => issue(who.lead))).toBe(ErrorCode.FORBIDDEN);
  });
});

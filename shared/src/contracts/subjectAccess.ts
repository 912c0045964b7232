import { forbidden, unauthenticated, badUserInput } from '../errors';
import { isOwner, Role, type Principal } from '../auth/principal';
import { checkSubjectCode } from '../validators';

/**
 * "May this caller act for this subject?", asked the same way by every subgraph (architecture.md,
 * "Roles and access"): a SUBJECT only for its own credit code; an OPERATOR at a service window or
 * terminal for the subject present there (every act audited by the caller); the lead department,
 * source units and services where the action lets them; analysts never. Each action lists who,
 * besides the subject itself, may do it: one table instead of a check per resolver.
 */
interface ActionRule {
  /** Roles that may act for any subject (a SUBJECT may always act for itself). */
  others: readonly Role[];
  /** Refusal of a subject acting for another. */
  notOwn: string;
  /** Refusals that explain themselves better than "may not". */
  refusals?: Partial<Record<Role, string>>;
}

const NEVER_A_SUBJECT = 'analysts see aggregate statistics only, never a subject';

export const SUBJECT_ACTIONS = {
  /** A subject's profile (entities). Partners and units see it masked; reads by others are audited. */
  'subject:read': {
    others: [Role.OPERATOR, Role.PARTNER, Role.SOURCE_UNIT, Role.LEAD_DEPARTMENT, Role.SERVICE],
    notOwn: 'a subject may read only its own profile',
    refusals: { [Role.ANALYST]: NEVER_A_SUBJECT },
  },
  /** A subject's history (records); a source unit further only its own domains. */
  'records:read': {
    others: [Role.OPERATOR, Role.SOURCE_UNIT, Role.LEAD_DEPARTMENT, Role.SERVICE],
    notOwn: 'a subject may read only its own records',
    refusals: {
      [Role.ANALYST]: "analysts see aggregate statistics only, never a subject's records",
      [Role.PARTNER]: 'partners read records only through a report the subject has authorised',
    },
  },
  /** Issuing a report (reports). */
  'report:issue': { others: [Role.OPERATOR], notOwn: 'a subject may issue reports only for itself' },
  /** Filing an objection (objections). */
  'objection:file': { others: [Role.OPERATOR], notOwn: 'a subject may file objections only for itself' },
  /** Filing a consultation or complaint (objections' feedback) as the subject, or for it at a window. */
  'feedback:file': {
    others: [Role.OPERATOR],
    notOwn: 'a subject may file consultations and complaints only for itself',
  },
  /** Making a credit commitment (entities). */
  'commitment:make': { others: [Role.OPERATOR], notOwn: 'a subject may make commitments only for itself' },
} as const satisfies Record<string, ActionRule>;

export type SubjectAction = keyof typeof SUBJECT_ACTIONS;

const ruleOf = (action: SubjectAction): ActionRule => SUBJECT_ACTIONS[action];

/** The same question as a boolean (no caller counts as no). */
export function mayActForSubject(p: Principal | undefined, action: SubjectAction, creditCode: string): boolean {
  if (!p) return false;
  if (p.role === Role.SUBJECT) return isOwner(p, creditCode);
  return ruleOf(action).others.includes(p.role);
}

/** Throws UNAUTHENTICATED or FORBIDDEN (shared/src/errors) unless the caller may do `action` for the subject. */
export function assertMayActForSubject(
  p: Principal | undefined,
  req: { action: SubjectAction; creditCode: string },
): asserts p is Principal {
  if (!p) throw unauthenticated(`${req.action} requires a bearer token`);
  if (mayActForSubject(p, req.action, req.creditCode)) return;
  const rule = ruleOf(req.action);
  if (p.role === Role.SUBJECT) throw forbidden(rule.notOwn);
  throw forbidden(rule.refusals?.[p.role] ?? `${p.role} may not ${req.action.replace(':', ' ')} for a subject`);
}

/**
 * The subject an act is for, from the credit code the input names: a SUBJECT acts for itself (the
 * code may be left out, or must be its own); anyone else must name a valid one (`field`, e.g.
 * `input.creditCode`). Returns the normalised code once the caller may act for it; whether the
 * subject exists is the caller's next question (NOT_FOUND).
 */
export function subjectActedFor(
  p: Principal | undefined,
  req: { action: SubjectAction; requested: string | null | undefined; field: string },
): string {
  if (!p) throw unauthenticated(`${req.action} requires a bearer token`);
  const raw = req.requested?.trim() || (p.role === Role.SUBJECT ? p.creditCode : '');
  if (p.role === Role.SUBJECT) {
    assertMayActForSubject(p, { action: req.action, creditCode: raw.toUpperCase() });
    return p.creditCode;
  }
  // Whether the role may act for others at all does not depend on the code: refuse before reading it.
  assertMayActForSubject(p, { action: req.action, creditCode: raw });
  if (!raw) throw badUserInput(req.field, 'is required when acting for a subject: give its credit code');
  const check = checkSubjectCode(raw);
  if (!check.valid) throw badUserInput(req.field, check.message!, { problem: check.problem });
  return check.normalized;
}

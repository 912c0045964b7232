import { Role } from '@credit/shared';
import { ObjectionStatus as S } from '../objection/objectionStatus';
import { CaseStateMachine, type Transition as GenericTransition } from '../case/stateMachine';

/** Every act on an objection; each one is a row of the table below and an event in its timeline. */
export enum ObjectionAction {
  FILE = 'FILE',
  ACCEPT = 'ACCEPT',
  REFUSE = 'REFUSE',
  FORWARD = 'FORWARD',
  REASSIGN = 'REASSIGN',
  START_REVIEW = 'START_REVIEW',
  UPHOLD = 'UPHOLD',
  REJECT = 'REJECT',
  CLOSE = 'CLOSE',
  WITHDRAW = 'WITHDRAW',
}

export type Transition = GenericTransition<S>;

/**
 * The workflow, in one place. FORWARD is performed by the platform itself right after ACCEPT (the
 * objection goes to the unit that submitted the record), so no caller role may invoke it directly.
 */
export const TRANSITIONS: Readonly<Record<ObjectionAction, Transition>> = {
  FILE: { from: [], to: S.SUBMITTED, roles: [Role.SUBJECT, Role.OPERATOR], verb: 'file' },
  ACCEPT: { from: [S.SUBMITTED], to: S.ACCEPTED, roles: [Role.LEAD_DEPARTMENT], verb: 'accept' },
  REFUSE: { from: [S.SUBMITTED], to: S.REFUSED, roles: [Role.LEAD_DEPARTMENT], verb: 'refuse' },
  FORWARD: { from: [S.ACCEPTED], to: S.FORWARDED, roles: [], verb: 'forward' },
  REASSIGN: { from: [S.FORWARDED, S.UNDER_REVIEW], to: S.FORWARDED, roles: [Role.LEAD_DEPARTMENT], verb: 'reassign' },
  START_REVIEW: { from: [S.FORWARDED], to: S.UNDER_REVIEW, roles: [Role.SOURCE_UNIT], verb: 'start reviewing' },
  UPHOLD: { from: [S.UNDER_REVIEW], to: S.UPHELD, roles: [Role.SOURCE_UNIT], verb: 'uphold' },
  REJECT: { from: [S.UNDER_REVIEW], to: S.REJECTED, roles: [Role.SOURCE_UNIT], verb: 'reject' },
  CLOSE: {
    from: [S.UPHELD, S.REJECTED],
    to: S.CLOSED,
    roles: [Role.LEAD_DEPARTMENT, Role.SUBJECT, Role.OPERATOR],
    verb: 'close',
  },
  WITHDRAW: {
    from: [S.SUBMITTED, S.ACCEPTED, S.FORWARDED, S.UNDER_REVIEW],
    to: S.WITHDRAWN,
    roles: [Role.SUBJECT, Role.OPERATOR],
    verb: 'withdraw',
  },
};

export const OBJECTION_MACHINE = new CaseStateMachine<ObjectionAction, S>('an objection', TRANSITIONS, [
  ObjectionAction.FORWARD,
]);

/** Whether `role` may perform `action` at all (the platform itself performs FORWARD). */
export const roleMay = (action: ObjectionAction, role: Role | 'SYSTEM'): boolean =>
  OBJECTION_MACHINE.roleMay(action, role);

/** The role check: FORBIDDEN, naming the roles that may. */
export const assertRoleMay = (action: ObjectionAction, role: Role | 'SYSTEM'): void =>
  OBJECTION_MACHINE.assertRoleMay(action, role);

/**
 * The state check: the next state, or CONFLICT naming the current one. Every mutation of an
 * objection's status goes through here (and then a compare-and-set on that status).
 */
export const nextStatus = (objection: { number: string; status: S }, action: ObjectionAction): S =>
  OBJECTION_MACHINE.next(objection, action);

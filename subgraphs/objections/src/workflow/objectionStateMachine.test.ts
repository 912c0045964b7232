import { ErrorCode, Role } from '@credit/shared';
import type { GraphQLError } from 'graphql';
import { assertRoleMay, nextStatus, ObjectionAction, roleMay, TRANSITIONS } from './objectionStateMachine';
import { ObjectionStatus } from '../objection/objectionStatus';

const caught = (fn: () => unknown): GraphQLError => {
  try {
    fn();
  } catch (err) {
    return err as GraphQLError;
  }
  throw new Error('expected an error');
};

const ALL_STATES = Object.values(ObjectionStatus);
const ACTS = Object.values(ObjectionAction).filter((a) => a !== ObjectionAction.FILE);

describe('objection state machine', () => {
  it('follows the workflow of the issue', () => {
    const o = (status: ObjectionStatus) => ({ number: 'GZYY-2026-000001', status });
    expect(nextStatus(o(ObjectionStatus.SUBMITTED), ObjectionAction.ACCEPT)).toBe(ObjectionStatus.ACCEPTED);
    expect(nextStatus(o(ObjectionStatus.ACCEPTED), ObjectionAction.FORWARD)).toBe(ObjectionStatus.FORWARDED);
    expect(nextStatus(o(ObjectionStatus.FORWARDED), ObjectionAction.START_REVIEW)).toBe(ObjectionStatus.UNDER_REVIEW);
    expect(nextStatus(o(ObjectionStatus.UNDER_REVIEW), ObjectionAction.UPHOLD)).toBe(ObjectionStatus.UPHELD);
    expect(nextStatus(o(ObjectionStatus.UNDER_REVIEW), ObjectionAction.REJECT)).toBe(ObjectionStatus.REJECTED);
    expect(nextStatus(o(ObjectionStatus.UPHELD), ObjectionAction.CLOSE)).toBe(ObjectionStatus.CLOSED);
    expect(nextStatus(o(ObjectionStatus.SUBMITTED), ObjectionAction.REFUSE)).toBe(ObjectionStatus.REFUSED);
    expect(nextStatus(o(ObjectionStatus.UNDER_REVIEW), ObjectionAction.REASSIGN)).toBe(ObjectionStatus.FORWARDED);
    for (const s of [ObjectionStatus.SUBMITTED, ObjectionStatus.FORWARDED, ObjectionStatus.UNDER_REVIEW]) {
      expect(nextStatus(o(s), ObjectionAction.WITHDRAW)).toBe(ObjectionStatus.WITHDRAWN);
    }
  });

  it('answers CONFLICT naming the current state for every illegal (state, act) pair', () => {
    let illegal = 0;
    for (const status of ALL_STATES) {
      for (const action of ACTS) {
        if (TRANSITIONS[action].from.includes(status)) continue;
        illegal++;
        const err = caught(() => nextStatus({ number: 'GZYY-2026-000007', status }, action));
        expect(err.extensions.code).toBe(ErrorCode.CONFLICT);
        expect(err.extensions.currentState).toBe(status);
        expect(err.message).toContain(`is in state ${status}`);
        expect(err.message).toContain('GZYY-2026-000007');
      }
    }
    // 9 states x 9 acts, minus the 14 legal pairs of the table.
    const legal = ACTS.reduce((n, a) => n + TRANSITIONS[a].from.length, 0);
    expect(legal).toBe(14);
    expect(illegal).toBe(ALL_STATES.length * ACTS.length - legal);
  });

  it('has no way out of the final states', () => {
    for (const s of [ObjectionStatus.CLOSED, ObjectionStatus.WITHDRAWN, ObjectionStatus.REFUSED]) {
      expect(ACTS.filter((a) => TRANSITIONS[a].from.includes(s))).toEqual([]);
    }
  });

  it('lets only the roles of the table act, and nobody but the platform forward', () => {
    expect(roleMay(ObjectionAction.ACCEPT, Role.LEAD_DEPARTMENT)).toBe(true);
    expect(roleMay(ObjectionAction.UPHOLD, Role.SOURCE_UNIT)).toBe(true);
    expect(roleMay(ObjectionAction.FILE, Role.OPERATOR)).toBe(true);
    expect(roleMay(ObjectionAction.FORWARD, 'SYSTEM')).toBe(true);
    expect(roleMay(ObjectionAction.ACCEPT, 'SYSTEM')).toBe(false);
    for (const role of Object.values(Role)) expect(roleMay(ObjectionAction.FORWARD, role)).toBe(false);
    for (const [action, role] of [
      [ObjectionAction.ACCEPT, Role.SOURCE_UNIT],
      [ObjectionAction.UPHOLD, Role.LEAD_DEPARTMENT],
      [ObjectionAction.FILE, Role.LEAD_DEPARTMENT],
      [ObjectionAction.REJECT, Role.SUBJECT],
      [ObjectionAction.WITHDRAW, Role.SOURCE_UNIT],
      [ObjectionAction.CLOSE, Role.ANALYST],
    ] as const) {
      const err = caught(() => assertRoleMay(action, role));
      expect(err.extensions.code).toBe(ErrorCode.FORBIDDEN);
      expect(err.message).toContain(role);
    }
  });
});

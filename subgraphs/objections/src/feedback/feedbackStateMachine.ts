import { Role } from '@credit/shared';
import { CaseStateMachine, type Transition } from '../case/stateMachine';
import { FeedbackStatus as S } from './feedbackStatus';

/** Every act on a consultation or complaint; each is a row below and an event in its timeline. */
export enum FeedbackAction {
  FILE = 'FILE',
  ANSWER = 'ANSWER',
  FORWARD = 'FORWARD',
  UNIT_REPLY = 'UNIT_REPLY',
  CLOSE = 'CLOSE',
  DISMISS = 'DISMISS',
  WITHDRAW = 'WITHDRAW',
}

/**
 * The workflow, in one place. The lead department answers a consultation or service complaint
 * itself; a 应替未替 complaint goes to the supervising unit of the office that demanded the
 * certificate, whose reply the lead department feeds back to the filer when it closes the case.
 * FILE by an anonymous caller (no role) is allowed by the filing service, not by this table.
 */
export const FEEDBACK_TRANSITIONS: Readonly<Record<FeedbackAction, Transition<S>>> = {
  FILE: { from: [], to: S.SUBMITTED, roles: [Role.SUBJECT, Role.OPERATOR], verb: 'file' },
  ANSWER: { from: [S.SUBMITTED], to: S.ANSWERED, roles: [Role.LEAD_DEPARTMENT], verb: 'answer' },
  FORWARD: { from: [S.SUBMITTED], to: S.FORWARDED, roles: [Role.LEAD_DEPARTMENT], verb: 'forward' },
  UNIT_REPLY: { from: [S.FORWARDED], to: S.UNIT_REPLIED, roles: [Role.SOURCE_UNIT], verb: 'reply to' },
  CLOSE: { from: [S.UNIT_REPLIED], to: S.CLOSED, roles: [Role.LEAD_DEPARTMENT], verb: 'close' },
  DISMISS: { from: [S.SUBMITTED], to: S.DISMISSED, roles: [Role.LEAD_DEPARTMENT], verb: 'dismiss' },
  WITHDRAW: {
    from: [S.SUBMITTED, S.FORWARDED],
    to: S.WITHDRAWN,
    roles: [Role.SUBJECT, Role.OPERATOR],
    verb: 'withdraw',
  },
};

export const FEEDBACK_MACHINE = new CaseStateMachine<FeedbackAction, S>('a complaint', FEEDBACK_TRANSITIONS);

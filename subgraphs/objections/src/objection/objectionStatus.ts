import { registerEnumType } from 'type-graphql';

export enum ObjectionStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  FORWARDED = 'FORWARDED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: '已提交 / 已受理 / 不予受理 / 已转办 / 核查中 / 异议成立 / 异议不成立 / 已办结 / 已撤回',
});

export enum ObjectionType {
  RECORD_ERROR = 'RECORD_ERROR',
  REPAIR_RESULT = 'REPAIR_RESULT',
  EXPLANATION_REQUEST = 'EXPLANATION_REQUEST',
}
registerEnumType(ObjectionType, {
  name: 'ObjectionType',
  description:
    'RECORD_ERROR: the record is wrong; REPAIR_RESULT: disputes a credit-repair outcome; EXPLANATION_REQUEST: asks the deciding body to explain a record',
});

/** Open objections keep their record flagged "under objection"; the others are done with it. */
export const OPEN_STATUSES: readonly ObjectionStatus[] = [
  ObjectionStatus.SUBMITTED,
  ObjectionStatus.ACCEPTED,
  ObjectionStatus.FORWARDED,
  ObjectionStatus.UNDER_REVIEW,
];
export const DECIDED_STATUSES: readonly ObjectionStatus[] = [
  ObjectionStatus.REFUSED,
  ObjectionStatus.UPHELD,
  ObjectionStatus.REJECTED,
  ObjectionStatus.CLOSED,
];

import { registerEnumType } from 'type-graphql';

export enum FeedbackKind {
  CONSULTATION = 'CONSULTATION',
  CERTIFICATE_STILL_DEMANDED = 'CERTIFICATE_STILL_DEMANDED',
  SERVICE_COMPLAINT = 'SERVICE_COMPLAINT',
}
registerEnumType(FeedbackKind, {
  name: 'FeedbackKind',
  description:
    'CONSULTATION: 咨询; CERTIFICATE_STILL_DEMANDED: 应替未替 — an office still demanded a certificate the report replaces; SERVICE_COMPLAINT: 服务投诉',
});

export enum FeedbackStatus {
  SUBMITTED = 'SUBMITTED',
  ANSWERED = 'ANSWERED',
  FORWARDED = 'FORWARDED',
  UNIT_REPLIED = 'UNIT_REPLIED',
  CLOSED = 'CLOSED',
  DISMISSED = 'DISMISSED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(FeedbackStatus, {
  name: 'FeedbackStatus',
  description: '已提交 / 已答复 / 已转主管单位 / 主管单位已回复 / 已办结（已反馈） / 不予受理 / 已撤回',
});

/** States that still wait for someone (the lead department or the supervising unit). */
export const OPEN_FEEDBACK: readonly FeedbackStatus[] = [
  FeedbackStatus.SUBMITTED,
  FeedbackStatus.FORWARDED,
  FeedbackStatus.UNIT_REPLIED,
];

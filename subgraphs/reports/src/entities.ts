import { AuditEntry } from '@credit/shared';
import { ReportDayTallyEntity } from './aggregates/reportTally.entity';
import { ReportAuthorizationEntity } from './authorization/authorization.entity';
import { ReportRecordChangeEntity } from './currency/reportRecordChange.entity';
import { migrations } from './migrations';
import { RecognitionEntity } from './recognition/recognition.entity';
import { CreditReportEntity } from './report/report.entity';
import { ReportSequenceEntity } from './report/reportSequence.entity';
import { SnapshotPartEntity } from './report/snapshotPart.entity';
import { ReportSubscriptionEntity } from './subscriptions/subscription.entity';
import { WebhookDeliveryEntity } from './subscriptions/webhookDelivery.entity';
import { PartnerWebhookSecretEntity } from './subscriptions/webhookSecret.entity';
import { VerificationGuardStateEntity } from './verification/guardState.entity';

/** Everything this subgraph stores, and the migrations that create it on MySQL. */
export const ENTITIES = [
  CreditReportEntity,
  SnapshotPartEntity,
  ReportSequenceEntity,
  ReportAuthorizationEntity,
  RecognitionEntity,
  ReportDayTallyEntity,
  ReportRecordChangeEntity,
  ReportSubscriptionEntity,
  PartnerWebhookSecretEntity,
  WebhookDeliveryEntity,
  VerificationGuardStateEntity,
  AuditEntry,
];
export const MIGRATIONS = migrations;
export const SERVICE_NAME = 'reports';

import { declarePlainRecordFields } from '@credit/shared';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReportChannel, ReportScenario } from './snapshot';
import { ReportChanges } from '../currency/currency.type';
import type { CreditReportEntity } from './report.entity';
import { WindowAuthorization } from './windowAuthorization';

export enum ReportStatus {
  ISSUED = 'ISSUED',
  REVOKED = 'REVOKED',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'A report never changes after issuance except ISSUED -> REVOKED',
});

export enum DomainOutcome {
  NO_RECORD = 'NO_RECORD',
  HAS_RECORDS = 'HAS_RECORDS',
}
registerEnumType(DomainOutcome, { name: 'DomainOutcome', description: '无违法违规记录 / 有违法违规记录' });

@ObjectType({ description: 'A record as copied into a report at issuance' })
export class ReportRecord {
  @Field(() => ID, { description: 'The ViolationRecord id at issuance' })
  id: string;

  @Field()
  category: string;

  @Field()
  simplifiedProcedure: boolean;

  @Field()
  decisionNumber: string;

  @Field()
  decisionDate: string;

  @Field()
  decidingAuthority: string;

  @Field()
  facts: string;

  @Field(() => String, { nullable: true })
  penaltyContent: string | null;

  @Field(() => String, { nullable: true })
  fineAmount: string | null;

  @Field({ description: 'Repaired (已修复): still shown, labelled' })
  repaired: boolean;

  @Field(() => String, { nullable: true })
  repairedAt: string | null;

  @Field({ description: 'An objection about the record was open at issuance' })
  underObjection: boolean;

  @Field(() => [String], { description: 'Labels as printed: 已修复, 异议处理中' })
  labels: string[];
}
// The field table's plain fields a report prints, as its snapshot has them (null in one issued before).
declarePlainRecordFields(ReportRecord, 'output', (f) => f.report);

@ObjectType({ description: 'The outcome of one chosen domain' })
export class ReportDomain {
  @Field()
  code: string;

  @Field()
  nameZh: string;

  @Field(() => DomainOutcome)
  outcome: DomainOutcome;

  @Field(() => Int)
  recordCount: number;

  @Field(() => [ReportRecord], {
    nullable: true,
    description:
      'Record details: only for the owner, the lead department, operators and report users the subject authorised; null otherwise',
  })
  records: ReportRecord[] | null;
}

@ObjectType({ description: "A report user allowed to read a report's detail" })
export class ReportAuthorization {
  @Field()
  partnerId: string;

  @Field({ description: 'ISO 8601 instant' })
  until: string;

  @Field()
  grantedAt: string;

  @Field(() => String, { nullable: true })
  revokedAt: string | null;

  @Field({ description: 'Not revoked and not expired' })
  active: boolean;
}

/** How the caller relates to a report; decides what it may see. */
export type ReportAccess = 'OWNER' | 'OFFICIAL' | 'AUTHORISED_PARTNER' | 'VERIFIER';

@Directive('@key(fields: "number")')
@ObjectType({ description: 'A special credit report (专项信用报告): an immutable, signed snapshot' })
export class CreditReport {
  @Field(() => ID, { description: 'GZ + issue date + sequence + check character' })
  number: string;

  @Field(() => ReportStatus)
  status: ReportStatus;

  @Field({ description: 'ISO 8601 instant' })
  issuedAt: string;

  @Field(() => ReportScenario)
  scenario: ReportScenario;

  @Field(() => ReportChannel)
  channel: ReportChannel;

  @Field()
  creditCode: string;

  @Field()
  subjectName: string;

  @Field()
  subjectKind: string;

  @Field()
  regionCode: string;

  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field({ description: 'First day records exist for (2020-01-01 when the period starts earlier)' })
  coverageFrom: string;

  @Field(() => String, { nullable: true, description: 'Who required a period longer than five years' })
  requiredByReportUser: string | null;

  @Field(() => Int)
  recordCount: number;

  @Field({ description: 'SHA-256 (hex) of the canonical snapshot' })
  sha256: string;

  @Field({ description: 'Ed25519 signature (base64url) of the canonical snapshot' })
  signature: string;

  @Field({ description: 'kid of the signing key in /.well-known/credit-report-keys' })
  keyId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'SM2 signature (SM3 digest, user id 1234567812345678; DER SEQUENCE {r, s}, base64url) of the canonical snapshot; null on reports issued before SM2 signing',
  })
  sm2Signature: string | null;

  @Field(() => String, { nullable: true, description: 'kid of the SM2 key in /.well-known/credit-report-keys' })
  sm2KeyId: string | null;

  @Field(() => String, { nullable: true, description: 'Shown to the owner (and the operator at issuance) only' })
  verificationCode: string | null;

  @Field(() => String, { nullable: true })
  revokedAt: string | null;

  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  @Field({ description: 'True when record details are visible to the caller' })
  detailsVisible: boolean;

  @Field({
    description:
      'Not revoked and no record it covers changed since issuance (verifyReport also weighs credit commitments)',
  })
  current: boolean;

  @Field(() => ReportChanges, {
    nullable: true,
    description: 'Changes since issuance to the records it covers, by kind; null when none',
  })
  changes: ReportChanges | null;

  @Field(() => String, { nullable: true, description: 'The report this one was reissued from (reissueReport)' })
  supersedes: string | null;

  @Field(() => String, { nullable: true, description: 'The report reissued in its place' })
  supersededBy: string | null;

  @Field(() => WindowAuthorization, {
    nullable: true,
    description:
      'Issued at a service window: who came for the subject and how the operator checked it; for the owner and officials only',
  })
  windowAuthorization: WindowAuthorization | null;

  row: CreditReportEntity;
  access: ReportAccess;
}

import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ReportChanges, ReportRecordChange } from '../currency/currency.type';
import { ReportDomain, ReportStatus } from '../report/report.type';
import { ReportChannel, ReportScenario } from '../report/snapshot';

export enum VerificationWarningCode {
  COMMITMENT_BREACHED_AFTER_ISSUANCE = 'COMMITMENT_BREACHED_AFTER_ISSUANCE',
  COMMITMENT_STATUS_UNAVAILABLE = 'COMMITMENT_STATUS_UNAVAILABLE',
  RECORDS_CHANGED_SINCE_ISSUANCE = 'RECORDS_CHANGED_SINCE_ISSUANCE',
}
registerEnumType(VerificationWarningCode, { name: 'VerificationWarningCode' });

@ObjectType({ description: 'Something a report user must know although the document itself is authentic' })
export class VerificationWarning {
  @Field(() => VerificationWarningCode)
  code: VerificationWarningCode;

  @Field({ description: 'The day it happened (China calendar, YYYY-MM-DD)' })
  date: string;

  @Field()
  reason: string;

  @Field({ description: 'The warning as shown to a report user' })
  message: string;
}

export enum SignatureAlgorithm {
  Ed25519 = 'Ed25519',
  SM2 = 'SM2',
}
registerEnumType(SignatureAlgorithm, {
  name: 'SignatureAlgorithm',
  description: 'Ed25519 (EdDSA), or SM2 with the SM3 digest and the GM/T 0009 default user id',
});

@ObjectType({ description: "One of a report's signatures and whether it verified over the stored snapshot" })
export class SignatureCheck {
  @Field(() => SignatureAlgorithm)
  algorithm: SignatureAlgorithm;

  @Field({ description: 'kid of the key in /.well-known/credit-report-keys' })
  kid: string;

  @Field()
  valid: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, when not valid' })
  problem: string | null;
}

@ObjectType({ description: 'The answer to verifyReport: is this report authentic, and what does it say' })
export class ReportVerification {
  @Field({
    description: 'Hash and every signature (Ed25519, and SM2 since SM2 signing) of the stored snapshot check out',
  })
  authentic: boolean;

  @Field(() => [SignatureCheck], { description: 'Each signature the report carries and whether it verified' })
  signatures: SignatureCheck[];

  @Field(() => String, { nullable: true, description: 'Why it is not authentic' })
  problem: string | null;

  @Field()
  number: string;

  @Field(() => ReportStatus)
  status: ReportStatus;

  @Field()
  issuedAt: string;

  @Field({ description: "A natural person's name is masked unless the caller may read the report" })
  subjectName: string;

  @Field()
  creditCode: string;

  @Field(() => ReportScenario)
  scenario: ReportScenario;

  @Field(() => ReportChannel)
  channel: ReportChannel;

  @Field()
  periodFrom: string;

  @Field()
  periodTo: string;

  @Field()
  coverageFrom: string;

  @Field(() => [ReportDomain], {
    description: 'Per-domain outcome; empty when not authentic; records only for those allowed',
  })
  domains: ReportDomain[];

  @Field(() => String, { nullable: true })
  revokedAt: string | null;

  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  @Field({ description: 'kid of the Ed25519 key' })
  keyId: string;

  @Field()
  sha256: string;

  @Field({ description: 'True when record details are included for the caller' })
  detailsVisible: boolean;

  @Field(() => [VerificationWarning], {
    description:
      "What happened after issuance that a report user must weigh: a credit commitment of the subject's marked false (虚假承诺) means the report may not replace certificates; records the report covers changed since issuance (RECORDS_CHANGED_SINCE_ISSUANCE)",
  })
  warnings: VerificationWarning[];

  @Field({
    description:
      'Still the whole truth: authentic, not revoked, no commitment breached after issuance, and no record it covers changed since issuance',
  })
  current: boolean;

  @Field(() => ReportChanges, {
    nullable: true,
    description: 'Counts by kind and the first change time; null when no record it covers changed',
  })
  changes: ReportChanges | null;

  @Field(() => [ReportRecordChange], {
    description: 'Which records changed and how (old -> new): for the owner and report users it authorised, else empty',
  })
  recordChanges: ReportRecordChange[];

  @Field(() => String, { nullable: true, description: 'The report reissued in its place (reissueReport), if any' })
  supersededBy: string | null;
}

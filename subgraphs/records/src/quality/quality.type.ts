import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ReasonCount {
  @Field({ description: 'A RecordRowReason code' })
  reason: string;

  @Field(() => Int, { description: 'Rejected rows with this reason (a row may count under several)' })
  rows: number;
}

@ObjectType({ description: "One source unit's submissions in a period" })
export class UnitQuality {
  @Field()
  unitCode: string;

  @Field({ description: 'The effective start: as asked, but no earlier than 2020-01-01 (shared period rule)' })
  from: string;

  @Field({ description: 'The effective end: as asked, but no later than today (shared period rule)' })
  to: string;

  @Field(() => Int)
  batches: number;

  @Field(() => Int)
  rowsSubmitted: number;

  @Field(() => Int, { description: 'CREATED + UPDATED + UNCHANGED' })
  accepted: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Acknowledged as not records (依法不予行政处罚, not yet effective)' })
  excluded: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Float, { description: 'rejected / rowsSubmitted (0 without rows)' })
  rejectionRate: number;

  @Field(() => [ReasonCount])
  rejectedByReason: ReasonCount[];

  @Field(() => Int, { description: 'Records first submitted in the period (the lag figures are over these)' })
  newRecords: number;

  @Field(() => Float, { nullable: true, description: 'Median days from decision to submission (nearest rank)' })
  lagMedianDays: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '90th percentile days from decision to submission (nearest rank)',
  })
  lagP90Days: number | null;

  @Field(() => Int, { description: 'New records submitted more than lateThresholdDays after their decision' })
  lateRows: number;

  @Field(() => Int)
  lateThresholdDays: number;
}

@ObjectType()
export class QualityWarning {
  @Field()
  unitCode: string;

  @Field({ description: 'Has late rows in the period' })
  late: boolean;

  @Field({ description: 'Rejection rate above the warning threshold' })
  highRejectionRate: boolean;

  @Field(() => UnitQuality)
  quality: UnitQuality;
}

@ObjectType()
export class SilentUnit {
  @Field()
  unitCode: string;

  @Field()
  name: string;

  @Field(() => [String])
  domainCodes: string[];
}

@ObjectType({ description: "Records whose subject name differs from the subject's registered name" })
export class NameMismatchCount {
  @Field()
  unitCode: string;

  @Field(() => Int)
  records: number;
}

@ObjectType({ description: 'A record whose subject name differs from the registered name of its credit code' })
export class RecordNameMismatch {
  @Field()
  recordId: string;

  @Field()
  unitCode: string;

  @Field()
  decisionNumber: string;

  @Field()
  creditCode: string;

  @Field({ description: 'The name the unit submitted (masked for a natural person unless the caller may see it)' })
  submittedName: string;

  @Field({ description: 'The registered name (masked likewise)' })
  registeredName: string;

  @Field({ description: 'When the record was last written with this name (ISO instant)' })
  seenAt: string;
}

@ObjectType({ description: 'Early warning for the lead department (数据监测预警)' })
export class QualityWarnings {
  @Field({ description: 'The effective start: as asked, but no earlier than 2020-01-01 (shared period rule)' })
  from: string;

  @Field({ description: 'The effective end: as asked, but no later than today (shared period rule)' })
  to: string;

  @Field(() => Int)
  lateThresholdDays: number;

  @Field(() => Float)
  rejectionRateThreshold: number;

  @Field(() => [QualityWarning], { description: 'Units that are late or reject too much' })
  warnings: QualityWarning[];

  @Field(() => [SilentUnit], { description: 'Active registered units that submitted nothing in the period' })
  silentUnits: SilentUnit[];

  @Field(() => [NameMismatchCount], {
    description: 'Units whose records written in the period name a subject otherwise than the register does',
  })
  nameMismatches: NameMismatchCount[];
}

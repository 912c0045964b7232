import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AssessmentWarningCode } from './assessment.service';

registerEnumType(AssessmentWarningCode, {
  name: 'AssessmentWarningCode',
  description:
    "LATE_SUBMISSIONS, HIGH_REJECTION_RATE, SILENT, NAME_MISMATCHES: records' quality warnings; OBJECTIONS_OVERDUE, COMPLAINTS_OVERDUE: cases past due now; FREQUENT_CERTIFICATE_DEMANDS: 3 or more 应替未替 complaints in the quarter (重点督导)",
});

@ObjectType({ description: 'A count under a key (a complaint kind, a report scenario)' })
export class AssessmentCount {
  @Field()
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('AssessedFigures', { description: 'Figures shared by units and regions' })
abstract class AssessedFigures {
  @Field(() => Int, { nullable: true, description: '1 = best; equal scores share a rank; null when nothing to judge' })
  rank: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean of timeliness and conformance in percent (0 for a silent unit), minus 5 per 应替未替 complaint and 2 per overdue case',
  })
  score: number | null;

  @Field()
  regionCode: string;

  @Field(() => Int, { description: 'Rows the unit(s) sent in the quarter' })
  rowsSubmitted: number;

  @Field(() => Int)
  accepted: number;

  @Field(() => Int, { description: 'New records created' })
  created: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Float)
  rejectionRate: number;

  @Field(() => Int)
  newRecords: number;

  @Field(() => Int, { description: 'New records submitted later than the late threshold after their decision' })
  lateRows: number;

  @Field(() => Float, { nullable: true, description: 'Share of new records submitted in time (及时性)' })
  timeliness: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of rows accepted under the data standard (规范性)' })
  conformance: number | null;

  @Field(() => Int, { description: 'Objections filed in the quarter' })
  objections: number;

  @Field(() => Int)
  objectionsDecided: number;

  @Field(() => Float, { nullable: true, description: 'Median days from filing to decision' })
  objectionMedianHandlingDays: number | null;

  @Field(() => Int, { description: 'Of those, past the due date of their current step now' })
  objectionsOverdue: number;

  @Field(() => [AssessmentCount], { description: 'Consultations and complaints filed in the quarter, by kind' })
  complaints: AssessmentCount[];

  @Field(() => Int, { description: '应替未替 complaints' })
  certificateStillDemanded: number;

  @Field(() => Int, { description: '应替未替 complaints the supervising unit reports rectified' })
  rectified: number;

  @Field(() => Int)
  complaintsOverdue: number;

  @Field(() => [AssessmentWarningCode])
  warnings: AssessmentWarningCode[];
}

@ObjectType({ description: "One source unit's quarter" })
export class UnitAssessment extends AssessedFigures {
  @Field()
  unitCode: string;

  @Field(() => String, { nullable: true, description: 'Its name in the unit register' })
  name: string | null;

  @Field(() => Float, { nullable: true, description: 'Median days from decision to submission' })
  lagMedianDays: number | null;
}

@ObjectType({
  description:
    "One region's quarter: its registered units, offices and subjects (prefecture, or 520000 for provincial units)",
})
export class RegionAssessment extends AssessedFigures {
  @Field(() => Int, { description: 'Units registered in the region' })
  units: number;

  @Field(() => Int, { description: 'Reports issued to subjects of the region' })
  reportsIssued: number;
}

@ObjectType({ description: 'The quarterly assessment (季度评估): aggregates only, never a subject' })
export class Assessment {
  @Field({ description: '2026Q3' })
  quarter: string;

  @Field()
  from: string;

  @Field({
    description: 'Last day counted: the end of the quarter, or today for a quarter in progress (shared period rule)',
  })
  to: string;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field()
  generatedAt: string;

  @Field(() => Int, { nullable: true })
  lateThresholdDays: number | null;

  @Field(() => Float, { nullable: true })
  rejectionRateThreshold: number | null;

  @Field(() => [UnitAssessment], { description: 'Ranked, best first' })
  units: UnitAssessment[];

  @Field(() => [RegionAssessment], { description: 'Ranked, best first' })
  regions: RegionAssessment[];

  @Field(() => Int, { description: 'Reports issued in the quarter (in the region when one is given)' })
  reportsIssued: number;

  @Field(() => Int)
  reportsRevoked: number;

  @Field(() => [AssessmentCount], { description: 'Reports issued per scenario, province-wide' })
  reportsByScenario: AssessmentCount[];

  @Field(() => Int, { description: 'Successful verifications of authentic reports in the quarter, province-wide' })
  reportsVerified: number;

  @Field(() => [AssessmentCount], { description: 'Verifications per scenario of the report, province-wide' })
  reportsVerifiedByScenario: AssessmentCount[];

  @Field(() => [AssessmentCount])
  complaintsByKind: AssessmentCount[];
}

import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One year of the working-day calendar (工作日历) as its State Council notice sets it' })
export class WorkingCalendarYear {
  @Field(() => Int)
  year: number;

  @Field(() => [String], { description: 'Public holidays (放假), YYYY-MM-DD' })
  holidays: string[];

  @Field(() => [String], { description: 'Weekend days worked instead (调休上班), YYYY-MM-DD' })
  makeupWorkdays: string[];

  @Field({ description: 'The notice the arrangement comes from, e.g. 国办发明电〔2025〕7号' })
  notice: string;

  @Field(() => Int, { description: '1 when first set, +1 per change' })
  version: number;

  @Field({ description: 'When this version was set (ISO 8601)' })
  setAt: string;
}

@ObjectType({ description: 'One version of a calendar year, with who set it' })
export class WorkingCalendarRevision extends WorkingCalendarYear {
  @Field()
  setBy: string;
}

@ObjectType({ description: 'How far ahead working days are known: deadlines beyond it are provisional (暂定)' })
export class WorkingCalendarCoverage {
  @Field(() => [Int])
  knownYears: number[];

  @Field(() => String, { nullable: true, description: 'Last day of the consecutive known years' })
  knownThrough: string | null;

  @Field(() => Int, { description: 'Days from today (Guizhou) to knownThrough; 0 when it has passed' })
  daysKnownAhead: number;

  @Field({ description: 'Fewer days known ahead than the warning threshold: the next year should be set' })
  short: boolean;
}

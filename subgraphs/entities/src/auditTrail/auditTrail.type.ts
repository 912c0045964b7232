import { AuditRecord } from '@credit/shared';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class AuditTrail {
  @Field(() => [AuditRecord])
  entries: AuditRecord[];

  @Field(() => [String], { description: 'Subgraphs whose log could not be read just now' })
  unavailable: string[];
}

@InputType()
export class AuditTrailFilter {
  @Field(() => String, { nullable: true })
  subjectCode?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. subject.read' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601, inclusive' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601, exclusive' })
  to?: string | null;

  @Field(() => Int, { defaultValue: 100 })
  first: number;
}

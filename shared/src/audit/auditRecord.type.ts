import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** One audit entry as clients see it; shareable because every subgraph returns its own. */
@Directive('@shareable')
@ObjectType({ description: 'Who read or changed whose data, when, in which request' })
export class AuditRecord {
  @Field({ description: 'ISO 8601 time' })
  at: string;

  @Field({ description: 'subject:…, operator:…, unit:…, partner:…, service:…' })
  actor: string;

  @Field()
  role: string;

  @Field({ description: 'e.g. subject.read, record.submit, report.issue, objection.decide' })
  action: string;

  @Field(() => String, { nullable: true })
  subjectCode: string | null;

  @Field(() => String, { nullable: true })
  target: string | null;

  @Field()
  requestId: string;

  @Field({ description: 'The subgraph that wrote the entry' })
  service: string;
}

/** Entries of one action on one target on one day, counted instead of listed. */
@Directive('@shareable')
@ObjectType({ description: 'Audit entries of one kind counted per target and day' })
export class AuditCount {
  @Field(() => String, { nullable: true, description: 'e.g. the report number' })
  target: string | null;

  @Field({ description: 'e.g. report.verify' })
  action: string;

  @Field({ description: 'YYYY-MM-DD, China time' })
  day: string;

  @Field(() => Int)
  count: number;

  @Field({ description: 'ISO 8601 time of the first entry that day' })
  firstAt: string;

  @Field({ description: 'ISO 8601 time of the last entry that day' })
  lastAt: string;

  @Field({ description: 'The subgraph that wrote the entries' })
  service: string;
}

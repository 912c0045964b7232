import { Directive, Field, ObjectType } from 'type-graphql';

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

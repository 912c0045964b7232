import { AuditCount, AuditRecord, PageInfo } from '@credit/shared';
import { Field, InputType, ObjectType } from 'type-graphql';

@ObjectType()
export class AccessLogEdge {
  @Field()
  cursor: string;

  @Field(() => AuditRecord)
  node: AuditRecord;
}

@ObjectType({
  description:
    '"Who looked at me": reads and changes of a subject by people and services, newest first, paged; ' +
    'anonymous report verifications are counted per report and day instead of listed',
})
export class AccessLogConnection {
  @Field(() => [AccessLogEdge])
  edges: AccessLogEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => [AuditRecord], { description: 'The nodes of this page (kept for clients written before paging)' })
  entries: AuditRecord[];

  @Field(() => [AuditCount], {
    description: 'Anonymous report verifications (report.verify by ANONYMOUS) per report number and day, in the period',
  })
  anonymousVerifications: AuditCount[];

  @Field(() => [String], { description: 'Subgraphs whose log could not be read just now' })
  unavailable: string[];
}

@InputType()
export class AccessLogFilter {
  @Field(() => [String], { nullable: true, description: 'Only these roles, e.g. PARTNER, LEAD_DEPARTMENT' })
  roles?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these actions, e.g. subject.read, record.read' })
  actions?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601, inclusive' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601, exclusive' })
  to?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'List anonymous report verifications one by one as well (they are always counted)',
  })
  includeAnonymousVerifications: boolean;
}

export const ACCESS_LOG_MAX_PAGE = 200;

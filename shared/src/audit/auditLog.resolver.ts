import { Arg, Authorized, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/principal';
import { badUserInput } from '../errors/errors';
import type { ServiceContext } from '../server/context';
import { queryAuditEntries } from './audit';
import { AuditRecord } from './auditRecord.type';

/**
 * Every subgraph's own audit log, readable only by services (entities merges them for the lead
 * department and for "who looked at me"); hidden from the public graph.
 */
@Resolver()
export class AuditLogResolver {
  @Directive('@inaccessible')
  @Directive('@shareable')
  @Authorized(Role.SERVICE)
  @Query(() => [AuditRecord])
  async internalAuditEntries(
    @Ctx() ctx: ServiceContext,
    @Arg('subjectCode', () => String, { nullable: true }) subjectCode?: string | null,
    @Arg('action', () => String, { nullable: true }) action?: string | null,
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number = 100,
  ): Promise<AuditRecord[]> {
    if (!ctx.dataSource) throw new Error('audit log resolver needs the service data source in context');
    if (first < 1 || first > 1000) throw badUserInput('first', 'must be between 1 and 1000');
    return queryAuditEntries(ctx.dataSource, ctx.service ?? 'unknown', { subjectCode, action, from, to, first });
  }
}

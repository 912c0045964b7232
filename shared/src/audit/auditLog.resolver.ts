import { Arg, Authorized, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/principal';
import { badUserInput } from '../errors/errors';
import type { ServiceContext } from '../server/context';
import { countAuditEntries, queryAuditEntries } from './audit';
import { AuditCount, AuditRecord } from './auditRecord.type';

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
    @Arg('actions', () => [String], { nullable: true }) actions?: string[] | null,
    @Arg('roles', () => [String], { nullable: true }) roles?: string[] | null,
    @Arg('excludeAnonymousActions', () => [String], { nullable: true }) excludeAnonymousActions?: string[] | null,
  ): Promise<AuditRecord[]> {
    if (!ctx.dataSource) throw new Error('audit log resolver needs the service data source in context');
    if (first < 1 || first > 1000) throw badUserInput('first', 'must be between 1 and 1000');
    return queryAuditEntries(ctx.dataSource, ctx.service ?? 'unknown', {
      subjectCode,
      action,
      actions,
      roles,
      excludeAnonymousActions,
      from,
      to,
      first,
    });
  }

  @Directive('@inaccessible')
  @Directive('@shareable')
  @Authorized(Role.SERVICE)
  @Query(() => [AuditCount])
  async internalAuditCounts(
    @Ctx() ctx: ServiceContext,
    @Arg('subjectCode', () => String) subjectCode: string,
    @Arg('actions', () => [String]) actions: string[],
    @Arg('role', () => String) role: string,
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
  ): Promise<AuditCount[]> {
    if (!ctx.dataSource) throw new Error('audit log resolver needs the service data source in context');
    return countAuditEntries(ctx.dataSource, ctx.service ?? 'unknown', { subjectCode, actions, role, from, to });
  }
}

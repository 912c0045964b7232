import { Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../context';
import { RecordRevision, ViolationRecord } from './record.type';
import { toRecordView } from './recordView';

@Resolver(() => ViolationRecord)
export class RecordResolver {
  @Authorized()
  @Query(() => ViolationRecord, {
    nullable: true,
    description: 'One record in any status (revoked ones included); null when unknown',
  })
  violationRecord(@Ctx() ctx: RecordsContext, @Arg('id', () => ID) id: string): Promise<ViolationRecord | null> {
    return ctx.loaders.records.view.load(id);
  }

  @Authorized()
  @FieldResolver(() => [RecordRevision], { description: 'Every change, oldest first' })
  revisions(@Ctx() ctx: RecordsContext, @Root() record: ViolationRecord): Promise<RecordRevision[]> {
    return ctx.loaders.records.revisions.load({ id: record.id, masked: record.masked });
  }

  @Authorized(Role.SOURCE_UNIT, Role.LEAD_DEPARTMENT)
  @Mutation(() => ViolationRecord, {
    description: '信用修复: marks an effective record repaired (still shown, labelled 已修复)',
  })
  async repairRecord(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('basis', { description: 'Why the record counts as repaired (decision, document number)' }) basis: string,
    @Arg('repairedAt', () => String, { nullable: true, description: 'YYYY-MM-DD; default today' })
    repairedAt?: string | null,
  ): Promise<ViolationRecord> {
    return toRecordView(await ctx.services.records.repair(ctx, id, basis, repairedAt), ctx.principal);
  }

  @Authorized(Role.SOURCE_UNIT, Role.LEAD_DEPARTMENT)
  @Mutation(() => ViolationRecord, {
    description: 'Revokes a record (the decision was annulled); kept with its reason, no longer a record',
  })
  async revokeRecord(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<ViolationRecord> {
    return toRecordView(await ctx.services.records.revoke(ctx, id, reason), ctx.principal);
  }
}

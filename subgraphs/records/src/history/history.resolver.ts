import { pageSize, selectedFieldsAt } from '@credit/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../context';
import { RecordCategory, ViolationRecordConnection } from '../record/record.type';
import { decodeHistoryCursor } from './history.service';
import { columnsFor } from '../record/recordRows';
import { SubjectRef } from '../foreign/subject';
import { RecordSummary } from './history.type';

@Resolver(() => SubjectRef)
export class HistoryResolver {
  @Authorized()
  @FieldResolver(() => ViolationRecordConnection, {
    description:
      'Records decided in the period (default: the last MAX_REPORT_YEARS years up to today, as a report), newest first; revoked ones never appear',
  })
  async records(
    @Ctx() ctx: RecordsContext,
    @Root() subject: SubjectRef,
    @Arg('domains', () => [String], { nullable: true }) domains?: string[] | null,
    @Arg('categories', () => [RecordCategory], { nullable: true }) categories?: RecordCategory[] | null,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD' }) from?: string | null,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD' }) to?: string | null,
    @Arg('includeRepaired', () => Boolean, {
      defaultValue: true,
      description: 'Repaired records are shown, labelled, unless false',
    })
    includeRepaired = true,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ViolationRecordConnection> {
    const period = ctx.services.history.period(from, to);
    const filter = {
      ...period,
      domains: domains ? [...new Set(domains.map((d) => d.trim().toUpperCase()))].sort() : null,
      categories: categories ? [...categories].sort() : null,
      includeRepaired,
    };
    const [page, totalCount] = await Promise.all([
      ctx.loaders.history.records.load({
        creditCode: subject.creditCode,
        filter,
        first: pageSize(first),
        after: decodeHistoryCursor(after),
        columns: info ? columnsFor(selectedFieldsAt(info, ['edges', 'node'])) : 'all',
      }),
      // A COUNT over the whole filter only for a client that shows it ("第 51–100 条，共 N 条").
      info && selectedFieldsAt(info, []).has('totalCount')
        ? ctx.loaders.history.totals.load({ creditCode: subject.creditCode, filter })
        : undefined,
    ]);
    return totalCount === undefined ? page : Object.assign(new ViolationRecordConnection(), page, { totalCount });
  }

  @Authorized()
  @FieldResolver(() => RecordSummary, {
    description:
      'Per domain: records and repaired ones in the period (default: the last MAX_REPORT_YEARS years up to today, as a report)',
  })
  recordSummary(
    @Ctx() ctx: RecordsContext,
    @Root() subject: SubjectRef,
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
  ): Promise<RecordSummary> {
    return ctx.loaders.history.summaries.load({
      creditCode: subject.creditCode,
      ...ctx.services.history.period(from, to),
    });
  }
}

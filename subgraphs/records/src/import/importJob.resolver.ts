import { badUserInput, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { ImportJobs } from './importJobs';

@ObjectType({ description: 'A file a unit uploaded (POST /imports): its state and verdict counts' })
export class ImportJob {
  @Field(() => ID, { description: 'GET /imports/<id> has its first refused rows' })
  id: string;

  @Field()
  fileName: string;

  @Field({ description: 'RUNNING, DONE or FAILED' })
  status: string;

  @Field(() => Int, { description: 'Rows in the file' })
  total: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  excluded: number;

  @Field(() => Int)
  rejected: number;

  @Field({ description: 'ISO 8601 instant' })
  startedAt: string;

  @Field(() => String, { nullable: true, description: 'ISO 8601 instant' })
  finishedAt: string | null;

  @Field(() => String, { nullable: true, description: 'Why a FAILED import stopped (an error code)' })
  errorCode: string | null;

  @Field(() => String, { nullable: true, description: 'The rejects file (GET, bearer token), once DONE with refusals' })
  rejectsUrl: string | null;
}

@Resolver()
export class ImportJobResolver {
  @Authorized(Role.SOURCE_UNIT)
  @Query(() => [ImportJob], { description: "SOURCE_UNIT: the unit's own uploads, newest first" })
  async importJobs(
    @Ctx() ctx: RecordsContext,
    @Arg('first', () => Int, { defaultValue: 10 }) first = 10,
  ): Promise<ImportJob[]> {
    if (first < 1 || first > 100) throw badUserInput('first', 'must be 1 to 100');
    const p = ctx.principal!;
    if (p.role !== Role.SOURCE_UNIT) return [];
    const jobs = await new ImportJobs(ctx.services.db, ctx.services.submissions, ctx.log).ofUnit(p.unitCode, first);
    return jobs.map((j) => ({ ...j, errorCode: j.error?.code ?? null }));
  }
}

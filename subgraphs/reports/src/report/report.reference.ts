import type { ReportsContext } from '../context';
import type { CreditReport, SubjectRef } from './report.type';
import { readableReport } from './readableReport';

/** `_entities` lookups: batched through the request's loaders, same access rules as `report(number)`. */
export const reportReferences = {
  CreditReport: {
    async __resolveReference(ref: { number: string }, ctx: ReportsContext): Promise<CreditReport | null> {
      return readableReport(ctx, await ctx.loaders.byNumber.load(ref.number));
    },
  },
  Subject: {
    // The key is all reports needs of a subject; entities owns the rest.
    __resolveReference(ref: { creditCode: string }): SubjectRef {
      return { creditCode: ref.creditCode };
    },
  },
};

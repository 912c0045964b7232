import type { ReportsContext } from '../context';
import type { CreditReport } from './report.type';
import { readableReport } from './readableReport';

/** `_entities` lookups: batched through the request's loaders, same access rules as `report(number)`. */
export const reportReference = {
  CreditReport: {
    async __resolveReference(ref: { number: string }, ctx: ReportsContext): Promise<CreditReport | null> {
      return readableReport(ctx, await ctx.loaders.byNumber.load(ref.number));
    },
  },
};

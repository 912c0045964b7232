import type { RecordsContext } from '../context';
import type { ViolationRecord } from './record.type';

/** `_entities` lookups of records from other subgraphs: batched, with the same access rules as a query. */
export const recordReference = {
  ViolationRecord: {
    __resolveReference(ref: { id: string }, ctx: RecordsContext): Promise<ViolationRecord | null> {
      return ctx.loaders.records.view.load(ref.id);
    },
  },
};

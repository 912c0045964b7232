import type { EntitiesContext } from '../context';
import type { Subject } from './subject.type';

/** `_entities` lookups from the gateway: batched through the request's loader, same rules as a query. */
export const subjectReference = {
  Subject: {
    __resolveReference(ref: { creditCode: string }, ctx: EntitiesContext): Promise<Subject | null> {
      return ctx.loaders.subjectView.load(ref.creditCode);
    },
  },
};

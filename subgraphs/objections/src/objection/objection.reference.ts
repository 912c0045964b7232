import type { ObjectionsContext } from '../context';
import type { Objection } from './objection.type';

/**
 * `_entities` lookups from the gateway, batched through the request's loaders. Subject and
 * ViolationRecord are owned elsewhere: their representation is all objections needs.
 */
export const objectionReferences = {
  Objection: {
    __resolveReference(ref: { id: string }, ctx: ObjectionsContext): Promise<Objection | null> {
      return ctx.loaders.view.load(ref.id);
    },
  },
  Subject: {
    __resolveReference(ref: { creditCode: string }) {
      return { creditCode: ref.creditCode };
    },
  },
  ViolationRecord: {
    __resolveReference(ref: { id: string }) {
      return { id: ref.id };
    },
  },
};

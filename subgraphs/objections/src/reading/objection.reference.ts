import type { ObjectionsContext } from '../context';
import type { Objection } from '../objection/objection.type';

/** `_entities` lookups of objections from the gateway, batched through the request's loaders. */
export const objectionReference = {
  Objection: {
    __resolveReference(ref: { id: string }, ctx: ObjectionsContext): Promise<Objection | null> {
      return ctx.loaders.view.load(ref.id);
    },
  },
};

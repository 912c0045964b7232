import type { ObjectionsContext } from '../context';
import type { ObjectionEntity } from './objection.entity';
import type { Objection } from './objection.type';
import { toObjectionView } from './objectionView';

/** The view for the caller of this request, judged on today's date (resolvers only: loaders build it themselves). */
export const viewForCaller = (ctx: ObjectionsContext, e: ObjectionEntity): Objection =>
  toObjectionView(e, ctx.principal, ctx.services.objections.today());

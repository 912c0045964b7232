import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { Objection } from '../objection/objection.type';
import { EvidenceAttachment } from './evidence.type';
import { toEvidenceView } from './evidenceView';

@Resolver(() => Objection)
export class ObjectionEvidenceResolver {
  @FieldResolver(() => [EvidenceAttachment])
  async evidence(@Ctx() ctx: ObjectionsContext, @Root() o: Objection): Promise<EvidenceAttachment[]> {
    return (await ctx.loaders.evidence.load(o.id)).map(toEvidenceView);
  }
}

@Resolver(() => EvidenceAttachment)
export class EvidenceResolver {
  @FieldResolver(() => String, { description: 'The attachment bytes, base64' })
  contentBase64(@Ctx() ctx: ObjectionsContext, @Root() e: EvidenceAttachment): Promise<string> {
    return ctx.loaders.evidenceContent.load(e.id);
  }
}

import { auditRead, forbidden, isOwner, pageSize, PUBLIC_FIELD, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ObjectionsContext } from '../context';
import { EvidenceAttachment } from '../evidence/evidence.type';
import { toEvidenceView } from '../evidence/evidenceView';
import { assertUnitMayAct } from '../units/actingUnit';
import { FeedbackEntity } from './feedback.entity';
import { FeedbackFilter, FileFeedbackInput, ForwardFeedbackInput, UnitReplyInput } from './feedback.inputs';
import { Feedback, FeedbackConnection, FeedbackEvent, FeedbackReceipt } from './feedback.type';
import {
  assertMayListFeedback,
  mayReadFeedback,
  notYours,
  timelineMasked,
  toFeedbackEventView,
  toFeedbackView,
} from './feedbackAccess';

/** Views remember whose masking applies to their parts (timeline actors). */
const masks = new WeakMap<Feedback, boolean>();

function view(ctx: ObjectionsContext, e: FeedbackEntity): Feedback {
  const v = toFeedbackView(e, ctx.principal, ctx.services.feedback.today());
  masks.set(v, timelineMasked(ctx.principal, e));
  return v;
}

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Authorized()
  @Query(() => Feedback, { nullable: true, description: 'One consultation or complaint; null when there is none' })
  async feedback(@Ctx() ctx: ObjectionsContext, @Arg('id', () => ID) id: string): Promise<Feedback | null> {
    const p = ctx.principal;
    assertMayListFeedback(p);
    const row = await ctx.services.db.getRepository(FeedbackEntity).findOneBy({ id });
    if (!row) return null;
    if (!mayReadFeedback(p, row)) throw notYours(p);
    if (row.creditCode && !isOwner(p, row.creditCode))
      await auditRead(ctx.services.db, ctx, {
        action: 'feedback.read',
        subjectCodes: [row.creditCode],
        target: row.number,
      });
    return view(ctx, row);
  }

  @Directive(PUBLIC_FIELD)
  @Query(() => Feedback, {
    description:
      'Public (rate limited at the gateway): an anonymous filer reads its case with the number and access code; a wrong code answers NOT_FOUND',
  })
  async feedbackCase(
    @Ctx() ctx: ObjectionsContext,
    @Arg('number') number: string,
    @Arg('accessCode') accessCode: string,
  ): Promise<Feedback> {
    return view(ctx, await ctx.services.feedback.byAccessCode(number, accessCode));
  }

  @Authorized(Role.SUBJECT, Role.SOURCE_UNIT, Role.LEAD_DEPARTMENT)
  @Query(() => FeedbackConnection, {
    description: 'Newest first: a subject its own, a unit those forwarded to it, the lead department all',
  })
  async feedbacks(
    @Ctx() ctx: ObjectionsContext,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter?: FeedbackFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<FeedbackConnection> {
    const p = ctx.principal!;
    const page = await ctx.services.feedback.list(p, filter, pageSize(first), after);
    const others = [
      ...new Set(page.rows.filter((r) => r.creditCode && !isOwner(p, r.creditCode)).map((r) => r.creditCode!)),
    ];
    await auditRead(ctx.services.db, ctx, { action: 'feedback.list', subjectCodes: others });
    const edges = page.rows.map((r) => ({ cursor: page.cursor(r), node: view(ctx, r) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized(Role.LEAD_DEPARTMENT, Role.SOURCE_UNIT)
  @Query(() => [Feedback], {
    description:
      'Consultations and complaints past the due date of their current step (超期预警), oldest due first; a unit sees its own',
  })
  async overdueFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
  ): Promise<Feedback[]> {
    const p = ctx.principal!;
    if (p.role === Role.SOURCE_UNIT && unitCode && unitCode !== p.unitCode)
      throw forbidden('a unit sees only its own overdue complaints');
    const rows = await ctx.services.feedback.overdue(p.role === Role.SOURCE_UNIT ? p.unitCode : unitCode);
    const others = [...new Set(rows.filter((r) => r.creditCode).map((r) => r.creditCode!))];
    await auditRead(ctx.services.db, ctx, { action: 'feedback.list', subjectCodes: others });
    return rows.map((r) => view(ctx, r));
  }

  @Directive(PUBLIC_FIELD)
  @Mutation(() => FeedbackReceipt, {
    description:
      'Files a consultation or complaint: a subject for itself, an operator for the subject present, or anyone without a token with contact details (rate limited; keep the access code)',
  })
  async fileFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => FileFeedbackInput) input: FileFeedbackInput,
  ): Promise<FeedbackReceipt> {
    const { feedback, accessCode } = await ctx.services.feedback.file(ctx, input);
    return { feedback: view(ctx, feedback), accessCode };
  }

  @Authorized()
  @Mutation(() => Feedback, {
    description: 'LEAD_DEPARTMENT: answers a consultation or service complaint (to the filer)',
  })
  async answerFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('answer') answer: string,
  ): Promise<Feedback> {
    return view(ctx, await ctx.services.feedback.answer(ctx, id, answer));
  }

  @Authorized()
  @Mutation(() => Feedback, {
    description: "LEAD_DEPARTMENT: forwards a 应替未替 complaint to the office's supervising unit (a registered unit)",
  })
  async forwardFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => ForwardFeedbackInput) input: ForwardFeedbackInput,
  ): Promise<Feedback> {
    return view(ctx, await ctx.services.feedback.forward(ctx, input));
  }

  @Authorized()
  @Mutation(() => Feedback, {
    description: 'SOURCE_UNIT (the one it was forwarded to): replies to a 应替未替 complaint',
  })
  async replyToFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('input', () => UnitReplyInput) input: UnitReplyInput,
  ): Promise<Feedback> {
    await assertUnitMayAct(ctx);
    return view(ctx, await ctx.services.feedback.reply(ctx, input));
  }

  @Authorized()
  @Mutation(() => Feedback, {
    description: "LEAD_DEPARTMENT: closes a complaint after the unit's reply, with feedback to the filer",
  })
  async closeFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('feedbackToFiler') feedbackToFiler: string,
  ): Promise<Feedback> {
    return view(ctx, await ctx.services.feedback.close(ctx, id, feedbackToFiler));
  }

  @Authorized()
  @Mutation(() => Feedback, { description: 'LEAD_DEPARTMENT: dismisses a case it cannot take up, with the reason' })
  async dismissFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Feedback> {
    return view(ctx, await ctx.services.feedback.dismiss(ctx, id, reason));
  }

  @Authorized()
  @Mutation(() => Feedback, {
    description: 'The filing subject (or an operator for it) withdraws before it is answered',
  })
  async withdrawFeedback(
    @Ctx() ctx: ObjectionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Feedback> {
    return view(ctx, await ctx.services.feedback.withdraw(ctx, id, note));
  }

  @FieldResolver(() => [FeedbackEvent], { description: 'Every step, oldest first' })
  async timeline(@Ctx() ctx: ObjectionsContext, @Root() f: Feedback): Promise<FeedbackEvent[]> {
    const masked = masks.get(f) ?? true;
    return (await ctx.feedbackLoaders.events.load(f.id)).map((e) => toFeedbackEventView(e, masked));
  }

  @FieldResolver(() => [EvidenceAttachment])
  async evidence(@Ctx() ctx: ObjectionsContext, @Root() f: Feedback): Promise<EvidenceAttachment[]> {
    return (await ctx.feedbackLoaders.evidence.load(f.id)).map(toEvidenceView);
  }
}

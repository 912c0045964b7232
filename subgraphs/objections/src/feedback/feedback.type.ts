import { PageInfo } from '@credit/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { FeedbackKind, FeedbackStatus } from './feedbackStatus';

@ObjectType({
  description: "A filer's contact details; masked for everyone but the lead department and the handling unit",
})
export class FeedbackContact {
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field()
  masked: boolean;
}

@ObjectType({ description: 'One step of a consultation or complaint: who did what, in which role, when' })
export class FeedbackEvent {
  @Field(() => Int)
  seq: number;

  @Field({ description: 'FILE, ANSWER, FORWARD, UNIT_REPLY, CLOSE, DISMISS, WITHDRAW' })
  action: string;

  @Field(() => FeedbackStatus, { nullable: true })
  fromStatus: FeedbackStatus | null;

  @Field(() => FeedbackStatus)
  toStatus: FeedbackStatus;

  @Field()
  actor: string;

  @Field()
  role: string;

  @Field({ description: 'ISO 8601 instant' })
  at: string;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType({ description: 'A consultation or complaint (咨询、投诉, 应替未替), its workflow, deadlines and answer' })
export class Feedback {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Case number, e.g. GZTS-2026-000042' })
  number: string;

  @Field(() => FeedbackKind)
  kind: FeedbackKind;

  @Field(() => FeedbackStatus)
  status: FeedbackStatus;

  @Field(() => String, { nullable: true, description: "The filing subject; a natural person's ID masked for others" })
  creditCode: string | null;

  @Field({ description: 'Filed without a token (answered through the contact details)' })
  anonymous: boolean;

  @Field(() => FeedbackContact, { nullable: true })
  contact: FeedbackContact | null;

  @Field()
  content: string;

  @Field(() => String, { nullable: true, description: '应替未替: the office that demanded the certificate' })
  officeName: string | null;

  @Field(() => String, { nullable: true, description: "应替未替: the office's supervising unit as the filer named it" })
  officeUnitCode: string | null;

  @Field(() => String, { nullable: true })
  matter: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the matter in the substitution catalogue' })
  matterCode: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  demandedOn: string | null;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => String, { nullable: true, description: 'The unit it was forwarded to' })
  unitCode: string | null;

  @Field({ description: 'ISO 8601 instant' })
  filedAt: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD the current step is due; null when nobody is waited for',
  })
  dueDate: string | null;

  @Field({
    description:
      'The due date lies beyond the years the working-day calendar knows (暂定): it moves when the year is set and is never overdue till then',
  })
  dueDateProvisional: boolean;

  @Field()
  overdue: boolean;

  @Field(() => String, { nullable: true, description: "The supervising unit's reply" })
  unitReply: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The unit reports the office now accepts the report' })
  rectified: boolean | null;

  @Field(() => String, { nullable: true, description: 'What the filer is told (answer, or feedback on closing)' })
  answer: string | null;

  @Field(() => String, { nullable: true })
  dismissalReason: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 instant the case ended' })
  endedAt: string | null;
}

@ObjectType({ description: 'A filed case; an anonymous filer reads it later with the number and this access code' })
export class FeedbackReceipt {
  @Field(() => Feedback)
  feedback: Feedback;

  @Field(() => String, { nullable: true, description: 'Anonymous filers only, shown once: keep it with the number' })
  accessCode: string | null;
}

@ObjectType()
export class FeedbackEdge {
  @Field()
  cursor: string;

  @Field(() => Feedback)
  node: Feedback;
}

@ObjectType()
export class FeedbackConnection {
  @Field(() => [FeedbackEdge])
  edges: FeedbackEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

import { Field, ID, InputType } from 'type-graphql';
import { EvidenceInput } from '../evidence/evidence.inputs';
import { FeedbackKind, FeedbackStatus } from './feedbackStatus';

@InputType({ description: 'How to answer the filer: an anonymous filer gives a phone number or an e-mail address' })
export class ContactInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Mainland mobile (11 digits) or landline with area code' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType({ description: '应替未替: the office that demanded a certificate instead of accepting the report' })
export class DemandingOfficeInput {
  @Field({ description: 'The office or unit, e.g. 某县公共资源交易中心' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "Its supervising unit's code in the source-unit register, when known (e.g. GZ-D07)",
  })
  supervisingUnitCode?: string | null;
}

@InputType()
export class FileFeedbackInput {
  @Field(() => FeedbackKind)
  kind: FeedbackKind;

  @Field({ description: 'The question or the complaint (at most 2,000 characters)' })
  content: string;

  @Field(() => String, {
    nullable: true,
    description: 'OPERATOR only: the subject present at the window, for whom it is filed',
  })
  creditCode?: string | null;

  @Field(() => ContactInput, { nullable: true, description: 'Required without a token' })
  contact?: ContactInput | null;

  @Field(() => DemandingOfficeInput, { nullable: true, description: 'CERTIFICATE_STILL_DEMANDED only (required)' })
  office?: DemandingOfficeInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CERTIFICATE_STILL_DEMANDED only: the matter the certificate was demanded for (required without matterCode)',
  })
  matter?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "CERTIFICATE_STILL_DEMANDED only: the matter's code in the substitution catalogue; its name fills an omitted matter",
  })
  matterCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'CERTIFICATE_STILL_DEMANDED only (required): YYYY-MM-DD the certificate was demanded',
  })
  demandedOn?: string | null;

  @Field(() => String, { nullable: true, description: "The office's region (6-digit code), when known" })
  regionCode?: string | null;

  @Field(() => [EvidenceInput], { nullable: true })
  evidence?: EvidenceInput[] | null;
}

@InputType()
export class FeedbackFilter {
  @Field(() => FeedbackKind, { nullable: true })
  kind?: FeedbackKind | null;

  @Field(() => FeedbackStatus, { nullable: true })
  status?: FeedbackStatus | null;

  @Field(() => String, { nullable: true, description: 'LEAD_DEPARTMENT: the unit a complaint was forwarded to' })
  unitCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those past the due date of their current step' })
  overdue?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "The case number (a page's deep link); still only the cases the caller may list",
  })
  number?: string | null;
}

@InputType()
export class ForwardFeedbackInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: "The office's supervising unit (register code); default: the one the filer named",
  })
  unitCode?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class UnitReplyInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'What the unit found and did' })
  reply: string;

  @Field({ description: 'The office now accepts the report instead of the certificate (整改到位)' })
  rectified: boolean;
}

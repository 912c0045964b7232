import { Field, InputType } from 'type-graphql';
import { ReportChannel, ReportScenario } from './snapshot';
import { WindowAuthorizationInput } from './windowAuthorization';

@InputType({ description: 'What a report should cover; everything but scenario and channel has a default' })
export class IssueReportInput {
  @Field(() => String, { nullable: true, description: "Defaults to a SUBJECT's own code; required for an OPERATOR" })
  creditCode?: string | null;

  @Field(() => ReportScenario)
  scenario: ReportScenario;

  @Field(() => [String], {
    nullable: true,
    description: "Domain codes; default the matter's domains when matterCode is given, else every active domain",
  })
  domains?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A matter of the substitution catalogue (substitutionMatters) the report is for: proposes its domains',
  })
  matterCode?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default five years before periodTo' })
  periodFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default today' })
  periodTo?: string | null;

  @Field(() => ReportChannel)
  channel: ReportChannel;

  @Field(() => String, { nullable: true, description: 'Who requires a period longer than five years (mandatory then)' })
  requiredByReportUser?: string | null;

  @Field(() => WindowAuthorizationInput, {
    nullable: true,
    description: "The authorisation the operator checked: required at a SERVICE_WINDOW, an operator's only",
  })
  windowAuthorization?: WindowAuthorizationInput | null;
}

import { ReportScenario } from '@credit/shared';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Domain } from '../domain/domain.type';

@ObjectType({
  description:
    'A matter (事项) that requires a "no violation record" certificate: the report replaces the certificates of its domains (应替尽替)',
})
export class SubstitutionMatter {
  @Field({ description: 'Catalogue code, e.g. BID-CONSTRUCTION' })
  code: string;

  @Field({ description: 'The matter as offices name it, e.g. 房屋建筑和市政基础设施工程施工招标投标' })
  name: string;

  @Field(() => ReportScenario)
  scenario: ReportScenario;

  @Field(() => [String], {
    description: 'Domains whose certificates the report replaces: the domains to choose when issuing for this matter',
  })
  domainCodes: string[];

  @Field(() => [Domain], { description: 'The same domains, with their names, in the plan order' })
  domains: Domain[];

  @Field({ description: 'Type of office that accepts the report instead of certificates, e.g. 公共资源交易中心' })
  acceptingOfficeType: string;

  @Field({ description: 'Legal basis of the certificate requirement and of its replacement' })
  legalBasis: string;

  @Field()
  active: boolean;

  @Field(() => Int, { description: '1 at definition, +1 per change (see history)' })
  version: number;

  @Field({ description: 'ISO 8601 time of the last change' })
  updatedAt: string;
}

@ObjectType({ description: 'One changed field of a matter revision' })
export class SubstitutionFieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'JSON of the value before; null at definition' })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the value after' })
  to: string | null;
}

@ObjectType({ description: 'One version of a matter: who changed what, when, and why' })
export class SubstitutionMatterRevision {
  @Field(() => Int)
  version: number;

  @Field({ description: 'DEFINE, CHANGE, DEACTIVATE or ACTIVATE' })
  kind: string;

  @Field(() => [SubstitutionFieldChange])
  changes: SubstitutionFieldChange[];

  @Field()
  actor: string;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field({ description: 'ISO 8601' })
  at: string;
}

@InputType({ description: 'A matter as the lead department enters it in the catalogue' })
export class DefineSubstitutionMatterInput {
  @Field({ description: 'Letters, digits and hyphens (2-32), e.g. BID-CONSTRUCTION' })
  code: string;

  @Field()
  name: string;

  @Field(() => ReportScenario)
  scenario: ReportScenario;

  @Field(() => [String])
  domainCodes: string[];

  @Field()
  acceptingOfficeType: string;

  @Field()
  legalBasis: string;
}

@InputType({ description: 'Changes to a matter; omitted fields stay as they are' })
export class ChangeSubstitutionMatterInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ReportScenario, { nullable: true })
  scenario?: ReportScenario | null;

  @Field(() => [String], { nullable: true })
  domainCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  acceptingOfficeType?: string | null;

  @Field(() => String, { nullable: true })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (kept in the history)' })
  reason?: string | null;
}

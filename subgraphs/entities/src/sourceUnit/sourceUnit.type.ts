import { Field, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A data source unit: "whoever produces it collects it and answers for it"' })
export class SourceUnit {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  regionCode: string;

  @Field(() => [String], { description: 'Codes of the domains this unit may report' })
  domainCodes: string[];

  @Field()
  active: boolean;

  @Field(() => String, { nullable: true, description: "The unit's own unified social credit code, when registered" })
  creditCode: string | null;
}

@InputType({ description: 'A source unit as the lead department registers it' })
export class RegisterSourceUnitInput {
  @Field({ description: 'Register code, e.g. GZ-D07 (letters, digits and hyphens)' })
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Unified social credit code (GB 32100, check character verified)' })
  creditCode: string;

  @Field({ description: 'GB/T 2260 region: 520000 for a provincial unit' })
  regionCode: string;

  @Field(() => [String], { description: 'Domains the unit reports' })
  domainCodes: string[];
}

@InputType({ description: 'Changes to a registered unit; omitted fields stay as they are' })
export class ChangeSourceUnitInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true })
  domainCodes?: string[] | null;
}

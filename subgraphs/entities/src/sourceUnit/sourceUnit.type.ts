import { Field, ObjectType } from 'type-graphql';

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

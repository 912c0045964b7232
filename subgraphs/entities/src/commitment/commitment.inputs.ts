import { Field, InputType } from 'type-graphql';

@InputType()
export class MakeCommitmentInput {
  @Field(() => String, {
    nullable: true,
    description: "Defaults to the caller's own code for a SUBJECT; required for an OPERATOR",
  })
  creditCode?: string | null;

  @Field(() => [String], { description: 'Catalogue codes of the domains pledged (1-43)' })
  domains: string[];

  @Field({ description: "The pledge in the subject's words (1-1000 characters)" })
  statement: string;
}

import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CommitmentStatus {
  ACTIVE = 'ACTIVE',
  BREACHED = 'BREACHED',
}
registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description: 'ACTIVE (kept so far) or BREACHED (a false commitment: no report in place of certificates)',
});

@ObjectType({ description: 'A credit commitment (信用承诺) for domains the reports do not yet cover' })
export class Commitment {
  @Field(() => ID)
  id: string;

  @Field()
  creditCode: string;

  @Field(() => [String], { description: 'Codes of the domains the pledge covers' })
  domainCodes: string[];

  @Field()
  statement: string;

  @Field(() => CommitmentStatus)
  status: CommitmentStatus;

  @Field({ description: 'ISO 8601 instant' })
  madeAt: string;

  @Field(() => String, { nullable: true })
  breachReason: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 instant' })
  breachedAt: string | null;

  @Field(() => String, { nullable: true, description: 'Why the lead department cleared the last breach' })
  clearReason: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 instant' })
  clearedAt: string | null;
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal: a standing breach of a credit commitment' })
export class CommitmentBreach {
  @Field(() => ID)
  commitmentId: string;

  @Field({ description: 'When the lead department or a unit marked the commitment false (ISO instant)' })
  breachedAt: string;

  @Field()
  reason: string;

  @Field(() => [String])
  domainCodes: string[];
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal: whether a standing breach forbids using a report in place of certificates' })
export class InternalCommitmentStatus {
  @Field()
  creditCode: string;

  @Field()
  breached: boolean;

  @Field(() => [String], { description: 'The reasons of every standing breach' })
  reasons: string[];

  // Grafbase's composition requires a field of an @inaccessible type to be @inaccessible itself.
  @Directive('@inaccessible')
  @Field(() => [CommitmentBreach], { description: 'Every standing breach, oldest first, with its date' })
  breaches: CommitmentBreach[];
}

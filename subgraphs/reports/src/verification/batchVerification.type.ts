import { Field, InputType, ObjectType } from 'type-graphql';
import { ReportVerification } from './verification.type';

@InputType({ description: 'A report number and the verification code printed on it' })
export class ReportToVerify {
  @Field()
  number: string;

  @Field()
  verificationCode: string;
}

@ObjectType({ description: 'Why one item of a batch was not verified (the codes of a single verifyReport)' })
export class ItemError {
  @Field({ description: 'NOT_FOUND (unknown number or wrong code), VERIFICATION_LOCKED, …' })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'One item of verifyReports, in the order asked' })
export class BatchVerificationItem {
  @Field()
  number: string;

  @Field(() => ReportVerification, { nullable: true })
  verification: ReportVerification | null;

  @Field(() => ItemError, { nullable: true })
  error: ItemError | null;
}

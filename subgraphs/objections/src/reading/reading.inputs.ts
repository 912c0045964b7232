import { Field, InputType } from 'type-graphql';
import { ObjectionStatus, ObjectionType } from '../objection/objectionStatus';

@InputType()
export class ObjectionFilter {
  @Field(() => ObjectionStatus, { nullable: true })
  status?: ObjectionStatus | null;

  @Field(() => ObjectionType, { nullable: true })
  type?: ObjectionType | null;

  @Field(() => String, { nullable: true, description: 'LEAD_DEPARTMENT only; a unit always sees its own' })
  unitCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those past the due date of their current step' })
  overdue?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "The case number (a page's deep link); still only the cases the caller may list",
  })
  number?: string | null;
}

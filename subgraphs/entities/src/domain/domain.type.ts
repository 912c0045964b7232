import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A domain of violation records (适用领域); the catalogue is extensible' })
export class Domain {
  @Field({ description: 'Stable code, e.g. D07' })
  code: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field({ description: 'Inactive domains are kept for old reports but cannot be chosen or reported' })
  active: boolean;

  @Field(() => Int)
  sortOrder: number;
}

@InputType()
export class AddDomainInput {
  @Field({ description: 'D followed by two or three digits, not yet used' })
  code: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;
}

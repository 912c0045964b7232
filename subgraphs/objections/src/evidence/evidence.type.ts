import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An evidence attachment (its bytes through `contentBase64`)' })
export class EvidenceAttachment {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  contentType: string;

  @Field(() => Int, { description: 'Bytes' })
  size: number;

  @Field({ description: 'Hex SHA-256 of the content' })
  sha256: string;
}

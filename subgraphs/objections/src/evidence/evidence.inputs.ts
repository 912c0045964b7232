import { Field, InputType } from 'type-graphql';

@InputType({
  description: 'An evidence attachment, base64-encoded; `sha256` (hex), when given, must match the content',
})
export class EvidenceInput {
  @Field()
  name: string;

  @Field({ description: 'application/pdf, image/jpeg, image/png or text/plain' })
  contentType: string;

  @Field()
  contentBase64: string;

  @Field(() => String, { nullable: true })
  sha256?: string | null;
}

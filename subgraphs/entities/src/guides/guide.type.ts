import { ReportChannel } from '@credit/shared';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The service guide (办事指南) and operating procedure of one channel (public)' })
export class ServiceGuide {
  @Field(() => ReportChannel)
  channel: ReportChannel;

  @Field({ description: 'The channel as the public knows it, e.g. 政务服务窗口' })
  channelName: string;

  @Field()
  title: string;

  @Field()
  summary: string;

  @Field(() => [String], { description: 'Operating procedure, step by step' })
  steps: string[];

  @Field(() => [String], { description: 'What to bring or have ready' })
  materials: string[];

  @Field({ description: 'Where and when: address, web address, opening hours' })
  access: string;

  @Field()
  contact: string;

  @Field({ description: 'Path of the HTML page through the gateway, e.g. /guides/service-window' })
  pagePath: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'ISO 8601 time of the last change' })
  updatedAt: string;
}

@InputType({ description: 'Changes to a guide; omitted fields stay as they are' })
export class UpdateServiceGuideInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => [String], { nullable: true })
  steps?: string[] | null;

  @Field(() => [String], { nullable: true })
  materials?: string[] | null;

  @Field(() => String, { nullable: true })
  access?: string | null;

  @Field(() => String, { nullable: true })
  contact?: string | null;
}

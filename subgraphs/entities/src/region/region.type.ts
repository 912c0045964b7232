import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { RegionLevel } from './regionCatalogue';

export enum RegionLevelEnum {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
}
registerEnumType(RegionLevelEnum, { name: 'RegionLevel' });

@ObjectType({ description: 'An administrative division of the province (GB/T 2260)' })
export class Region {
  @Field()
  code: string;

  @Field()
  nameZh: string;

  @Field(() => RegionLevelEnum)
  level: RegionLevel;

  @Field(() => String, { nullable: true })
  parentCode: string | null;
}

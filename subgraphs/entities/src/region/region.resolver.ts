import { PUBLIC_FIELD } from '@credit/shared';
import { Directive, Query, Resolver } from 'type-graphql';
import { REGIONS } from './regionCatalogue';
import { Region } from './region.type';

@Resolver(() => Region)
export class RegionResolver {
  @Directive(PUBLIC_FIELD)
  @Query(() => [Region], { description: 'The province and its nine prefectures (public reference data)' })
  regions(): Region[] {
    return REGIONS.map((r) => Object.assign(new Region(), r));
  }
}

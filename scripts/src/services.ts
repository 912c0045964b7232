import * as entities from '@credit/entities';
import type { GraphQLSchema } from 'graphql';

/** Every subgraph the platform runs, in start order, with its default port and schema builder. */
export interface SubgraphSpec {
  name: string;
  dir: string;
  port: number;
  portVar: string;
  buildSchema: () => Promise<GraphQLSchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: (new () => object)[];
}

export const SUBGRAPHS: SubgraphSpec[] = [
  { name: 'entities', dir: 'subgraphs/entities', port: 4001, portVar: 'ENTITIES_PORT', buildSchema: entities.buildEntitiesSchema, entities: entities.ENTITIES, migrations: entities.MIGRATIONS },
];

export const GATEWAY_PORT = 4000;

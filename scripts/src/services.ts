import { buildEntitiesSchema } from '@credit/entities';
import type { GraphQLSchema } from 'graphql';

/** Every subgraph the platform runs, in start order, with its default port and schema builder. */
export interface SubgraphSpec {
  name: string;
  dir: string;
  port: number;
  portVar: string;
  buildSchema: () => Promise<GraphQLSchema>;
}

export const SUBGRAPHS: SubgraphSpec[] = [
  { name: 'entities', dir: 'subgraphs/entities', port: 4001, portVar: 'ENTITIES_PORT', buildSchema: buildEntitiesSchema },
];

export const GATEWAY_PORT = 4000;

import * as entities from '@credit/entities';
import * as records from '@credit/records';
import * as reports from '@credit/reports';
import * as objections from '@credit/objections';
import { SUBGRAPH_PORTS } from '@credit/shared';
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
  {
    name: 'entities',
    dir: 'subgraphs/entities',
    ...SUBGRAPH_PORTS.entities,
    buildSchema: entities.buildEntitiesSchema,
    entities: entities.ENTITIES,
    migrations: entities.MIGRATIONS,
  },
  {
    name: 'records',
    dir: 'subgraphs/records',
    ...SUBGRAPH_PORTS.records,
    buildSchema: records.buildRecordsSchema,
    entities: records.ENTITIES,
    migrations: records.MIGRATIONS,
  },
  {
    name: 'reports',
    dir: 'subgraphs/reports',
    ...SUBGRAPH_PORTS.reports,
    buildSchema: reports.buildReportsSchema,
    entities: reports.ENTITIES,
    migrations: reports.MIGRATIONS,
  },
  {
    name: 'objections',
    dir: 'subgraphs/objections',
    ...SUBGRAPH_PORTS.objections,
    buildSchema: objections.buildObjectionsSchema,
    entities: objections.ENTITIES,
    migrations: objections.MIGRATIONS,
  },
];

export const GATEWAY_PORT = 4000;

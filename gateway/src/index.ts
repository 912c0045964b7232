export type { GatewayContext } from './context';
export { createGateway, type GatewayApp } from './gateway';
export { composeSupergraph, type SubgraphSource } from './compose/composeSupergraph';
export { loadGatewayEnv, routingOverrides, type GatewayEnv } from './env';

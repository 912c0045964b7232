export { createGateway, type GatewayApp, type GatewayContext } from './gateway';
export { composeSupergraph, type SubgraphSource } from './compose/composeSupergraph';
export { loadGatewayEnv, routingOverrides, type GatewayEnv } from './env';

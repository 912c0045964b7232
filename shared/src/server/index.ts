export * from './context';
export * from './httpServer';
export * from './subgraphServer';
export * from './bootSubgraph';
export * from './serviceClient';
export * from './keepAlivePool';
export * from './platformCheck';
export * from './tallyCli';

export * from './buildFederatedSchema';

export * from './buildFederatedSchema';
export * from './subjectStandIn';

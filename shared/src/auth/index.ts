export * from './principal';
export * from './masking';
export * from './jwt';
export * from './authChecker';

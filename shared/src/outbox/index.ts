export * from './backoff';
export * from './outboxRow';
export * from './outboxWorker';

export * from './backoff';
export * from './outboxRow';
export * from './outboxWorker';
export * from './outboxFeed';

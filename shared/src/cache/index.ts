export * from './cache';
export * from './subjectChanges';

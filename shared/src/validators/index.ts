export * from './creditCode';
export * from './residentId';
export * from './subjectCode';
export * from './generate';
export * from './text';

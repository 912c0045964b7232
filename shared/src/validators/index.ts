export * from './creditCode';
export * from './residentId';
export * from './subjectCode';
export * from './subjectKind';
export * from './generate';
export * from './text';

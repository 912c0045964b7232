export * from './calendar';
export * from './period';
export * from './recordContent';
export * from './subjectAccess';
export * from './lawfulNonPunishment';
export * from './scenarios';
export * from './deadlines';
export * from './quarter';

import 'reflect-metadata';

export { buildObjectionsSchema } from './schema';
export { createObjectionsApp, type ObjectionsApp } from './server';
export { loadObjectionsEnv, type ObjectionsEnv } from './env';
export { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
export { FeedbackEntity } from './feedback/feedback.entity';
export { FeedbackKind, FeedbackStatus } from './feedback/feedbackStatus';
export { seedDemoFeedback } from './seed/feedbackSeed';

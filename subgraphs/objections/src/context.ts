import {
  authConfigFromEnv,
  createServiceClient,
  EntitiesCatalogue,
  OutboxWorker,
  WorkingCalendar,
  type Cache,
  type Logger,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { ObjectionsEnv } from './env';
import { AssessmentService } from './assessment/assessment.service';
import { AssessmentSources } from './assessment/assessmentSources';
import { createFeedbackLoaders, type FeedbackLoaders } from './feedback/feedback.loaders';
import { FeedbackDesk, type UnitRegister } from './feedback/feedback.service';
import { ObjectionFiling } from './filing/filing.service';
import { OutboxAdministration } from './outbox/outboxAdmin.service';
import { deliverEffect } from './outbox/outbox';
import { OutboxEntity } from './outbox/outbox.entity';
import { createObjectionLoaders, type ObjectionLoaders } from './reading/objection.loaders';
import { ObjectionReader } from './reading/objectionReader';
import { RecordsClient } from './outbox/recordsClient';
import { ObjectionStatisticsService } from './statistics/statistics.service';
import { DeadlineCalendar } from './workflow/deadlineCalendar';
import { recountProvisionalDues } from './workflow/provisionalDues';
import { recountProvisionalComplaintDues } from './feedback/feedbackProvisionalDues';
import { ObjectionWorkflow } from './workflow/workflow.service';

export interface ObjectionsServices {
  db: DataSource;
  filing: ObjectionFiling;
  /** Consultations and complaints (咨询投诉, 应替未替). */
  feedback: FeedbackDesk;
  /** The quarterly assessment per unit and region (季度评估). */
  assessment: AssessmentService;
  /** The workflow engine: acts on filed objections, deadlines, today's date. */
  objections: ObjectionWorkflow;
  outbox: OutboxAdministration;
  reader: ObjectionReader;
  statistics: ObjectionStatisticsService;
  records: RecordsClient;
  worker: OutboxWorker<OutboxEntity, { version?: number }>;
  /** The working calendar from entities, refreshed before each request. */
  calendar: DeadlineCalendar;
  /** The source-unit register (entities' copy, cached): it decides whether a unit may act. */
  units: UnitRegister;
}

export interface ObjectionsContext extends ServiceContext {
  services: ObjectionsServices;
  loaders: ObjectionLoaders;
  feedbackLoaders: FeedbackLoaders;
}

export interface ServiceOptions {
  /** Tests move time forward to see deadlines pass. */
  clock?: () => Date;
  /** The platform-wide cache the unit register's copy is versioned in. */
  sharedCache?: Cache;
}

/** Services are stateless (the worker holds only its timer) and built once; loaders are per request. */
export function createServices(
  db: DataSource,
  env: ObjectionsEnv,
  logger: Logger,
  opts: ServiceOptions = {},
): ObjectionsServices {
  const clock = opts.clock ?? (() => new Date());
  const recordsCall = createServiceClient({
    url: env.RECORDS_URL,
    service: 'objections',
    auth: authConfigFromEnv(env),
  });
  const records = new RecordsClient(recordsCall);
  const entities = new EntitiesCatalogue(
    createServiceClient({ url: env.ENTITIES_URL, service: 'objections', auth: authConfigFromEnv(env) }),
    { shared: opts.sharedCache, logger },
  );
  const fixed =
    env.HOLIDAYS || env.MAKEUP_WORKDAYS
      ? new WorkingCalendar(env.HOLIDAYS ?? [], env.MAKEUP_WORKDAYS ?? [], null)
      : null;
  const calendar = new DeadlineCalendar(fixed ?? entities, logger, async (next) => {
    const moved = {
      objections: await recountProvisionalDues(db, next, {
        acceptWorkingDays: env.ACCEPT_WORKING_DAYS,
        reviewWorkingDays: env.REVIEW_WORKING_DAYS,
      }),
      complaints: await recountProvisionalComplaintDues(db, next, {
        answerWorkingDays: env.FEEDBACK_ANSWER_WORKING_DAYS,
        unitWorkingDays: env.FEEDBACK_UNIT_WORKING_DAYS,
      }),
    };
    if (moved.objections || moved.complaints)
      logger.info(moved, 'provisional due dates counted again with the new calendar');
  });
  const units: UnitRegister = (requestId) => entities.sourceUnits(requestId);
  const feedback = new FeedbackDesk(
    db,
    calendar,
    {
      answerWorkingDays: env.FEEDBACK_ANSWER_WORKING_DAYS,
      unitWorkingDays: env.FEEDBACK_UNIT_WORKING_DAYS,
      evidence: { maxBytes: env.MAX_EVIDENCE_BYTES, maxFiles: env.MAX_EVIDENCE_FILES },
    },
    units,
    (requestId) => entities.substitutionMatters(requestId),
    clock,
  );
  const assessment = new AssessmentService(
    db,
    new AssessmentSources(
      recordsCall,
      createServiceClient({ url: env.REPORTS_URL, service: 'objections', auth: authConfigFromEnv(env) }),
      units,
    ),
    clock,
  );
  const filing = new ObjectionFiling(
    db,
    records,
    calendar,
    {
      acceptWorkingDays: env.ACCEPT_WORKING_DAYS,
      evidence: { maxBytes: env.MAX_EVIDENCE_BYTES, maxFiles: env.MAX_EVIDENCE_FILES },
    },
    clock,
  );
  const objections = new ObjectionWorkflow(db, calendar, { reviewWorkingDays: env.REVIEW_WORKING_DAYS }, clock);
  const outbox = new OutboxAdministration(db, clock);
  const worker = new OutboxWorker(db, {
    target: OutboxEntity,
    orderedBy: 'objectionId',
    deliver: (row) => deliverEffect(records, row),
    pollMs: env.OUTBOX_POLL_MS,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    logger: logger.child({ component: 'outbox' }),
    onDelivered: (tx, row, result) => outbox.onDelivered(tx, row, result),
  });
  return {
    db,
    filing,
    feedback,
    assessment,
    objections,
    outbox,
    reader: new ObjectionReader(db),
    statistics: new ObjectionStatisticsService(db),
    records,
    worker,
    calendar,
    units,
  };
}

export async function createContext(base: ServiceContext, services: ObjectionsServices): Promise<ObjectionsContext> {
  await services.calendar.refresh(base.requestId);
  // Concurrent requests that shared one catalogue read resume together; one macrotask each keeps
  // SQLite's transactions (one connection, synchronous driver) from interleaving, as separate requests do.
  await new Promise((resolve) => setImmediate(resolve));
  const ctx = base as ObjectionsContext;
  ctx.services = services;
  ctx.loaders = createObjectionLoaders(ctx, services.reader, services.db, () => services.objections.today());
  ctx.feedbackLoaders = createFeedbackLoaders(services.db);
  return ctx;
}

import { isIsoDate, parseEnv, portVar, subgraphUrlVar, seedDemoVar, z } from '@credit/shared';

/**
 * `2026-10-01,2026-10-02` -> sorted unique dates; every malformed entry is reported. Unset: undefined
 * (the calendar comes from entities).
 */
const dateList = () =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const items = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = items.filter((d) => !isIsoDate(d));
      if (bad.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not YYYY-MM-DD dates: ${bad.join(', ')}` });
      return [...new Set(items)].sort();
    });

/** The only reader of process.env in this service (main.ts passes it in). */
export function loadObjectionsEnv(source: Record<string, string | undefined>) {
  return parseEnv(
    {
      OBJECTIONS_PORT: portVar(4004),
      RECORDS_URL: subgraphUrlVar('records', source),
      ENTITIES_URL: subgraphUrlVar('entities', source),
      REPORTS_URL: subgraphUrlVar('reports', source),
      SEED_DEMO: seedDemoVar,
      ACCEPT_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
      REVIEW_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
      // Replace the calendar from entities (isolated tests): every day counts as known.
      HOLIDAYS: dateList(),
      MAKEUP_WORKDAYS: dateList(),
      // 0 turns the timer off (tests call drainOutbox); deliveries still happen on every drain.
      OUTBOX_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
      OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(20),
      FEEDBACK_ANSWER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
      FEEDBACK_UNIT_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
      MAX_EVIDENCE_BYTES: z.coerce
        .number()
        .int()
        .min(1024)
        .max(50 * 1024 * 1024)
        .default(2 * 1024 * 1024),
      MAX_EVIDENCE_FILES: z.coerce.number().int().min(0).max(20).default(5),
    },
    source,
    { callsOtherServices: () => true },
  );
}
export type ObjectionsEnv = ReturnType<typeof loadObjectionsEnv>;

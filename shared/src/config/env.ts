import { z } from 'zod';

/** Thrown at start-up; its message names every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Embedded-mode secret shared by the services and `pnpm token`; refused in production. */
export const EMBEDDED_JWT_SECRET = 'embedded-demo-secret-not-for-production-use-0001';

export const GRAPHQL_EXECUTIONS = ['compiled', 'interpreted'] as const;
export type GraphQLExecution = (typeof GRAPHQL_EXECUTIONS)[number];

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const commonEnvShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // How a subgraph executes operations: graphql-jit's compiled code, or graphql-js (the fallback).
  GRAPHQL_EXECUTION: z.enum(GRAPHQL_EXECUTIONS).default('compiled'),
  DB_URL: optionalString.refine((v) => v === undefined || /^mysql:\/\/[^/]+/.test(v), {
    message: 'must be a mysql://user:password@host:port/prefix URL (or unset for embedded SQLite)',
  }),
  // The migration account (DDL, grants): read by `pnpm migrate` / the compose migrate job only. A
  // production service refuses to start with it set; a development service ignores it.
  DB_MIGRATE_URL: optionalString.refine((v) => v === undefined || /^mysql:\/\/[^/]+/.test(v), {
    message: 'must be a mysql://user:password@host:port/prefix URL',
  }),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Read replicas (same user/prefix layout as DB_URL): TypeORM sends reads to them, writes to DB_URL.
  DB_REPLICA_URLS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((v) => v.every((u) => /^mysql:\/\/[^/]+/.test(u)), {
      message: 'must be a comma-separated list of mysql:// URLs',
    }),
  DATA_DIR: z.string().min(1).default('data'),
  // Names the platform where its services cannot tell it from where their databases live (a cluster
  // whose nodes name themselves differently): set alike on every service and command, or on none.
  PLATFORM_ID: optionalString,
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'must be a redis:// or rediss:// URL (or unset for in-process memory)',
  }),
  // Redis Cluster instead of one server: comma-separated redis:// seed nodes (REDIS_URL is then ignored).
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((v) => v.every((u) => /^rediss?:\/\//.test(u)), {
      message: 'must be a comma-separated list of redis:// URLs',
    }),
  // A Redis command not answered in this time fails, and the caller falls back (see cache.ts).
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(200),
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).default(50_000),
  // Key prefix in the shared cache: one platform per prefix (tests use their own).
  CACHE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - only')
    .default('credit'),
  JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  JWT_PUBLIC_KEY_FILE: optionalString,
  JWT_JWKS_FILE: optionalString,
  // Production: a SERVICE token from the identity provider for calls between subgraphs
  // (the embedded mode mints its own from the HS256 secret).
  SERVICE_TOKEN: optionalString,
  // Subgraphs listen on loopback unless told otherwise (containers set 0.0.0.0); the gateway is the public door.
  HOST: z.string().min(1).default('127.0.0.1'),
  // Bearer token GET /metrics requires; production without one does not serve /metrics at all.
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  // HMAC key of the audit anchors (audit/auditAnchors.ts): every subgraph and `pnpm audit:check` share it.
  AUDIT_ANCHOR_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  JWT_ISSUER: z.string().min(1).default('gz-credit-platform'),
  JWT_AUDIENCE: z.string().min(1).default('gz-credit-graph'),
};

/** `SEED_DEMO` of the subgraphs that have demo data: off unless asked (`pnpm start` asks on the embedded default). */
export const seedDemoVar = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

export interface EnvRules {
  /** The service calls other subgraphs' internal APIs with the given parsed environment (needs a SERVICE token). */
  callsOtherServices?: (env: Record<string, unknown>) => boolean;
  /** A service's own cross-variable rules: each problem names its variable, reported with all the others. */
  problems?: (env: Record<string, unknown>) => { variable: string; message: string }[];
}

const commonRules = (rules: EnvRules) => (env: Record<string, unknown>, ctx: z.RefinementCtx) => {
  for (const p of rules.problems?.(env) ?? []) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [p.variable], message: p.message });
  }
  if (env.NODE_ENV === 'production') {
    if (env.SEED_DEMO === true) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SEED_DEMO'],
        message: 'demo data (made-up subjects and violations) must never reach production: unset SEED_DEMO',
      });
    }
    // Production verifies tokens with a public key, so it cannot mint SERVICE tokens itself: without one,
    // every issuance, correction and catalogue lookup would fail after the service reported ready.
    if (!env.SERVICE_TOKEN && rules.callsOtherServices?.(env)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SERVICE_TOKEN'],
        message: 'production needs a SERVICE token from the identity provider for calls between services',
      });
    }
    if (!env.JWT_PUBLIC_KEY_FILE && !env.JWT_JWKS_FILE) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['JWT_PUBLIC_KEY_FILE'],
        message:
          'production needs JWT_PUBLIC_KEY_FILE or JWT_JWKS_FILE (HS256 shared secrets are for the embedded mode only)',
      });
    }
    if (!env.DB_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['DB_URL'],
        message: 'production needs MySQL (embedded SQLite is for demos)',
      });
    }
    if (env.DB_MIGRATE_URL) {
      // An account that can alter the schema and truncate the audit trail has no place in a process
      // that faces requests: migrations are a job run before the services start.
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['DB_MIGRATE_URL'],
        message:
          'a service must not hold the migration account: run `pnpm migrate` (or the compose migrate job) with it, ' +
          'then start the services with DB_URL (the least-privilege account) only',
      });
    }
  }
};

/** Variables whose value is a credential: a refusal names them without echoing it into a log. */
const SECRET_VARIABLES = new Set([
  'DB_MIGRATE_URL',
  'AUDIT_ANCHOR_KEY',
  'JWT_SECRET',
  'SERVICE_TOKEN',
  'METRICS_TOKEN',
]);

/**
 * Parses `source` against the common variables plus a service's own, reporting every problem
 * in one error so that an operator fixes the environment in one round.
 */
export function parseEnv<S extends z.ZodRawShape>(
  serviceShape: S,
  source: Record<string, string | undefined>,
  rules: EnvRules = {},
): z.infer<z.ZodObject<typeof commonEnvShape & S>> {
  const schema = z.object({ ...commonEnvShape, ...serviceShape }).superRefine(commonRules(rules));
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (i) =>
          `${i.path.join('.') || '(environment)'}: ${i.message}` +
          (i.path[0] && source[String(i.path[0])] !== undefined && !SECRET_VARIABLES.has(String(i.path[0]))
            ? ` (got "${source[String(i.path[0])]}")`
            : ''),
      ),
    );
  }
  return result.data as z.infer<z.ZodObject<typeof commonEnvShape & S>>;
}

export type CommonEnv = z.infer<z.ZodObject<typeof commonEnvShape>>;

export const portVar = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Each subgraph's port variable and default port: one table for the services, `pnpm start` and the commands. */
export const SUBGRAPH_PORTS = {
  entities: { portVar: 'ENTITIES_PORT', port: 4001 },
  records: { portVar: 'RECORDS_PORT', port: 4002 },
  reports: { portVar: 'REPORTS_PORT', port: 4003 },
  objections: { portVar: 'OBJECTIONS_PORT', port: 4004 },
} as const;
export type SubgraphName = keyof typeof SUBGRAPH_PORTS;

/**
 * `<NAME>_URL` of a subgraph that a service or command calls: as given, else this machine at the port
 * `<NAME>_PORT` says (the variable that subgraph listens on), so that a command run in the environment
 * a platform was started with reaches that platform, not whatever answers on the default port.
 */
export function subgraphUrlVar(name: SubgraphName, source: Record<string, string | undefined>) {
  const { portVar: portName, port } = SUBGRAPH_PORTS[name];
  const given = source[portName]?.trim() || undefined;
  const parsed = portVar(port).safeParse(given);
  return z
    .string()
    .url()
    .optional()
    .transform((url, ctx) => {
      if (url !== undefined) return url;
      if (!parsed.success || parsed.data === 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `unset, and ${portName} (got "${given}") is not a port this service can call: set ${name.toUpperCase()}_URL`,
        });
        return z.NEVER;
      }
      return `http://127.0.0.1:${parsed.data}/graphql`;
    });
}
export { z };

import { parseEnv, portVar, z } from '@credit/shared';

const optionalPath = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The only reader of process.env in this service (main.ts passes it in). */
export function loadReportsEnv(source: Record<string, string | undefined>) {
  const env = parseEnv(
    {
      REPORTS_PORT: portVar(4003),
      ENTITIES_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
      RECORDS_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
      /** Where people and partners reach the platform (the gateway proxies /verify, /reports/*, keys). */
      PUBLIC_BASE_URL: z
        .string()
        .url()
        .default('http://localhost:4000')
        .transform((v) => v.replace(/\/+$/, '')),
      /** JSON `{ "keys": [Ed25519 private JWKs with kid], "activeKid"?, "codeSecret" }`; generated in the embedded mode. */
      REPORT_SIGNING_KEYS_FILE: optionalPath,
      /** JWKS of other provinces' public keys (each key may carry a `province` member). */
      TRUSTED_PARTNER_KEYS_FILE: optionalPath,
      /** A pre-issued SERVICE token for calls to entities and records (production: from the IdP). */
      SERVICE_TOKEN: optionalPath,
      MAX_REPORT_YEARS: z.coerce.number().int().min(1).max(30).default(5),
      REPORT_NUMBER_PREFIX: z
        .string()
        .regex(/^[A-Z]{2}$/, 'must be two capital letters')
        .default('GZ'),
      PROVINCE_CODE: z
        .string()
        .regex(/^\d{6}$/, 'must be a six-digit region code')
        .default('520000'),
    },
    source,
    {
      callsOtherServices: () => true,
      // A generated key would sign reports nobody can trust and would differ per replica.
      problems: (env) =>
        env.NODE_ENV === 'production' && !env.REPORT_SIGNING_KEYS_FILE
          ? [{ variable: 'REPORT_SIGNING_KEYS_FILE', message: 'production needs configured signing keys' }]
          : [],
    },
  );
  return env;
}
export type ReportsEnv = ReturnType<typeof loadReportsEnv>;

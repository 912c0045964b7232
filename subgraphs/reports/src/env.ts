import { parseEnv, periodEnvShape, portVar, subgraphUrlVar, z } from '@credit/shared';

const optionalPath = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The only reader of process.env in this service (main.ts passes it in). */
export function loadReportsEnv(source: Record<string, string | undefined>) {
  const env = parseEnv(
    {
      REPORTS_PORT: portVar(4003),
      ENTITIES_URL: subgraphUrlVar('entities', source),
      RECORDS_URL: subgraphUrlVar('records', source),
      /** Where people and partners reach the platform (the gateway proxies /verify, /reports/*, keys). */
      PUBLIC_BASE_URL: z
        .string()
        .url()
        .optional()
        .transform((v) => v?.replace(/\/+$/, '')),
      // Unset PUBLIC_BASE_URL: links point at the gateway on this machine, wherever it listens.
      GATEWAY_PORT: portVar(4000),
      /** JSON `{ "keys": [Ed25519 and SM2 private JWKs with kid], "activeKid"?, "activeSm2Kid"?, "codeSecret" }`; generated in the embedded mode. */
      REPORT_SIGNING_KEYS_FILE: optionalPath,
      /** JWKS of other provinces' public keys (each key may carry a `province` member). */
      TRUSTED_PARTNER_KEYS_FILE: optionalPath,
      /** A pre-issued SERVICE token for calls to entities and records (production: from the IdP). */
      SERVICE_TOKEN: optionalPath,
      // The default and normal maximum period, read by records too (one value for the platform).
      ...periodEnvShape,
      REPORT_NUMBER_PREFIX: z
        .string()
        .regex(/^[A-Z]{2}$/, 'must be two capital letters')
        .default('GZ'),
      /** Wrong verification codes from one client for one report number before that client is locked out of it (any door). */
      VERIFY_FAILURES_BEFORE_LOCK: z.coerce.number().int().min(1).max(1000).default(10),
      /** How long a locked-out client is refused every code for the number, even the right one; also the attack window. */
      VERIFY_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
      /** Each wrong code from a client for a number answers this much later per earlier one of its own (slow-down). */
      VERIFY_FAILURE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(200),
      /**
       * Distinct clients (addresses, partners) with wrong codes for one number within one VERIFY_LOCK_SECONDS
       * window that make it an attack: metric and audit entry. A holder mistyping and a colleague retrying are
       * two or three; five strangers at one number within a quarter of an hour are somebody's loop.
       */
      VERIFY_ATTACK_CLIENTS: z.coerce.number().int().min(2).max(10_000).default(5),
      // Report users' webhooks (subscriptions/): 0 turns the delivery timer off (tests drain it).
      WEBHOOK_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
      /** Failed attempts (back-off 1 s, 2 s … capped at 5 min, with jitter) before an event is parked as FAILED. */
      WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
      /** The whole exchange with a partner's callback (connect, send, answer) within this time, or a retry. */
      WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
      /**
       * Whether callbacks may resolve to private, loopback, link-local (metadata) addresses. Unset: allowed
       * outside production (partners' test receivers on this machine), refused in production (SSRF).
       */
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).optional(),
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
  return {
    ...env,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://localhost:${env.GATEWAY_PORT}`,
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
      (env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? (env.NODE_ENV === 'production' ? 'false' : 'true')) === 'true',
  };
}
export type ReportsEnv = ReturnType<typeof loadReportsEnv>;

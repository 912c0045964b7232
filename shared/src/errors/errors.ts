import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The stable error codes of the public contract. Clients switch on these, never on messages. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  SUBSTITUTION_NOT_ALLOWED: 'SUBSTITUTION_NOT_ALLOWED',
  /** Another subgraph this request needs did not answer and no usable copy of its data was held. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  // Gateway operation limits: each names the limit and the measured value.
  DEPTH_LIMIT_EXCEEDED: 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED: 'ALIAS_LIMIT_EXCEEDED',
  ROOT_FIELD_LIMIT_EXCEEDED: 'ROOT_FIELD_LIMIT_EXCEEDED',
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
  // Request-level refusals the gateway answers itself.
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** An operation type the API does not serve (subscriptions: report changes go out as webhooks). */
  OPERATION_NOT_SUPPORTED: 'OPERATION_NOT_SUPPORTED',
  // Too many wrong verification codes for one report number: refused until the lock ends.
  VERIFICATION_LOCKED: 'VERIFICATION_LOCKED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  DEPTH_LIMIT_EXCEEDED: 400,
  ALIAS_LIMIT_EXCEEDED: 400,
  ROOT_FIELD_LIMIT_EXCEEDED: 400,
  COST_LIMIT_EXCEEDED: 400,
  PAYLOAD_TOO_LARGE: 413,
  PERSISTED_QUERY_NOT_ALLOWED: 403,
  BAD_REQUEST: 400,
  PERSISTED_QUERY_HASH_MISMATCH: 400,
  OPERATION_NOT_SUPPORTED: 400,
  VERIFICATION_LOCKED: 429,
};

function error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

/** `field` is the argument path the client sent, e.g. `creditCode` or `subjects[3].regionCode`. */
export const badUserInput = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  error(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, ...extra });
export const unauthenticated = (message = 'a valid bearer token is required') =>
  error(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message: string) => error(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, key: string) => error(ErrorCode.NOT_FOUND, `${what} ${key} not found`, { key });
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  error(ErrorCode.CONFLICT, message, extra);
export const serviceUnavailable = (service: string, message: string) =>
  error(ErrorCode.SERVICE_UNAVAILABLE, message, { service });
export const domainError = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}) =>
  error(code, message, extra);

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  // Apollo's own request-level codes are safe to show: they describe the client's request.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: errors with a public code pass through (without stack traces);
 * anything else is an internal fault whose message could leak SQL or paths, so outside
 * development it is replaced by a generic message and logged by the caller.
 */
export function createErrorFormatter(opts: { exposeInternals: boolean; onInternal?: (err: unknown) => void }) {
  return (formatted: GraphQLFormattedError, err: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    const { stacktrace: _stack, http: _http, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (PUBLIC_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code } };
    opts.onInternal?.(err);
    if (isLostDatabaseConnection(err)) {
      return {
        message: 'the database connection was interrupted; nothing of this request was committed, send it again',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    if (isWriteConflict(err)) {
      return {
        message: 'a concurrent write conflicted with this one; nothing of this request was committed, send it again',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    if (opts.exposeInternals) return { ...formatted, extensions: { ...extensions, code } };
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

// MariaDB/MySQL errors meaning "this connection is gone", not "this statement is wrong": the transaction
// was rolled back by the server and the pool replaces the connection, so a retry can succeed
// (1040: too many connections, while a restarted server fills up again; 1053: server shutdown).
const LOST_CONNECTION_ERRNOS = new Set([1040, 1053, 1077, 1317, 1927, 2006, 2013, 4031]);
// Socket-level codes count only on mysql2's fatal errors (other clients' sockets say the same words):
// lost or reset mid-statement, or refused / timed out / unreachable while the pool opens a connection
// to a server that is down or restarting.
const LOST_CONNECTION_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// mysql2's own words for a connection or pool that can no longer run a statement.
const LOST_CONNECTION_MESSAGE = /connection is in closed state|^Pool is closed/i;

/** Whether an error (or what it wraps) is a lost, refused or killed database connection. */
export function isLostDatabaseConnection(err: unknown): boolean {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.errno === 'number' && LOST_CONNECTION_ERRNOS.has(e.errno)) return true;
    if (e.fatal === true && typeof e.code === 'string' && LOST_CONNECTION_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && LOST_CONNECTION_MESSAGE.test(e.message)) return true;
    e = (e.driverError ?? e.originalError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

// A transaction the server rolled back whole because another one won: InnoDB deadlocks and lock
// waits, and Galera's certification failures (which MariaDB reports as a deadlock, 1213) or a node
// that has left the primary component (1047, "WSREP has not yet prepared node for application use").
const WRITE_CONFLICT_ERRNOS = new Set([1047, 1205, 1213]);

/** Whether an error (or what it wraps) is a rolled-back write that may succeed when sent again. */
export function isWriteConflict(err: unknown): boolean {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.errno === 'number' && WRITE_CONFLICT_ERRNOS.has(e.errno)) return true;
    e = (e.driverError ?? e.originalError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; `service` on every line so that interleaved processes stay readable. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** Keeps a caller's id when it looks sane (so one id follows a request across services). */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : randomUUID();
}

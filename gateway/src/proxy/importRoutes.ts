import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import {
  authenticate,
  ErrorCode,
  keepAlivePool,
  REQUEST_ID_HEADER,
  requestError,
  Role,
  type Rejection,
  type RequestInfo,
  type RouteHandler,
  type TokenVerifier,
} from '@credit/shared';
import { passTo, throttled } from './passThrough';

class TooLarge extends Error {}

const PASS_HEADERS = ['content-type', 'content-length', 'location', 'cache-control'];
// The records service answers once the whole file has arrived: a large file on a slow line takes minutes.
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * A unit's file upload (`POST /imports?name=<file>`, the body is the file) and its job
 * (`GET /imports/<id>`, `GET /imports/<id>/rejects`) are the records subgraph's, which runs the
 * same importer as `pnpm import:records`. The gateway checks the token as it does for GraphQL
 * (a SOURCE_UNIT, within its rate budget) and the size (IMPORT_MAX_BYTES: 413 beyond it, from
 * Content-Length or while counting), then streams the file through without holding it.
 */
export function importRoutes(
  recordsGraphqlUrl: string | undefined,
  opts: {
    timeoutMs: number;
    maxBytes: number;
    verify: TokenVerifier;
    throttle: (info: RequestInfo) => Promise<Rejection | undefined>;
  },
): { get: Record<string, RouteHandler>; post: Record<string, RouteHandler> } {
  if (!recordsGraphqlUrl) return { get: {}, post: {} };
  const { pool } = keepAlivePool(recordsGraphqlUrl);
  const tooLarge = (res: ServerResponse, info: RequestInfo) =>
    requestError(
      res,
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      `the file exceeds ${opts.maxBytes} bytes (IMPORT_MAX_BYTES)`,
      info.requestId,
      // The rest of the body is not read: the answer closes the connection.
      { connection: 'close' },
      { field: 'file', max: opts.maxBytes },
    );

  const upload: RouteHandler = async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
    let principal;
    try {
      principal = await authenticate(info, opts.verify);
    } catch (err) {
      return requestError(res, 401, ErrorCode.UNAUTHENTICATED, (err as Error).message, info.requestId);
    }
    if (!principal)
      return requestError(res, 401, ErrorCode.UNAUTHENTICATED, 'imports require a bearer token', info.requestId);
    if (principal.role !== Role.SOURCE_UNIT)
      return requestError(
        res,
        403,
        ErrorCode.FORBIDDEN,
        `imports are for source units, not role ${principal.role}`,
        info.requestId,
      );
    const r = await opts.throttle(info);
    if (r) return requestError(res, r.status, r.code, r.message, info.requestId, r.headers, r.extensions);
    if (Number(req.headers['content-length'] ?? 0) > opts.maxBytes) return tooLarge(res, info);

    let size = 0;
    let over = false;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > opts.maxBytes) {
          over = true;
          return done(new TooLarge());
        }
        done(null, chunk);
      },
    });
    counted.on('error', () => {
      // Past the limit: stop forwarding, read and drop the rest so that the client gets the 413.
      req.unpipe(counted);
      req.resume();
    });
    req.pipe(counted);
    try {
      const upstream = await pool.request({
        path: req.url ?? '/imports',
        method: 'POST',
        headers: {
          authorization: req.headers.authorization!,
          'content-type': req.headers['content-type'] ?? 'application/octet-stream',
          ...(req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
          [REQUEST_ID_HEADER]: info.requestId,
          'x-forwarded-for': info.ip,
        },
        body: counted,
        headersTimeout: Math.max(opts.timeoutMs, UPLOAD_TIMEOUT_MS),
        bodyTimeout: opts.timeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const h of PASS_HEADERS) {
        const v = upstream.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const body = Buffer.from(await upstream.body.arrayBuffer());
      res.writeHead(upstream.statusCode, headers);
      res.end(body);
    } catch {
      if (over) return tooLarge(res, info);
      if (!res.headersSent)
        requestError(res, 502, ErrorCode.SERVICE_UNAVAILABLE, 'the records service is unavailable', info.requestId);
    }
  };
  return {
    get: { '/imports/*': throttled(passTo(recordsGraphqlUrl, opts.timeoutMs, 'records'), opts.throttle) },
    post: { '/imports': upload },
  };
}

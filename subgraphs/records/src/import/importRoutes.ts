import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import {
  authConfigFromEnv,
  bearerToken,
  createTokenVerifier,
  ErrorCode,
  requestError,
  Role,
  type CommonEnv,
  type Logger,
  type PrincipalOf,
  type RequestInfo,
  type RouteHandler,
} from '@credit/shared';
import { GraphQLError } from 'graphql';
import type { RecordsServices } from '../context';
import { submitterFor } from '../submission/unitAuthority';
import { ImportJobs } from './importJobs';
import { rejectsWriter } from './rejectsFile';
import { formatOf, type SourceFormat } from './sourceFile';

const JOB_PATH = /^\/imports\/([0-9a-f-]{36})(\/rejects)?$/;
const REJECTS_TYPE: Record<SourceFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

class TooLarge extends Error {}

/** Counts the bytes going by and fails past the limit. */
class Bounded extends Transform {
  size = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err: Error | null, chunk?: Buffer) => void) {
    this.size += chunk.length;
    done(this.size > this.limit ? new TooLarge() : null, chunk);
  }
}

/**
 * The request body into `file`. Past the limit the rest is read and dropped, not reset, so that the
 * client reads the 413 (the answer closes the connection).
 */
function receive(req: IncomingMessage, count: Bounded, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    count.on('error', (err) => {
      req.unpipe(count);
      req.resume();
      out.destroy();
      reject(err);
    });
    out.on('error', reject);
    out.on('finish', resolve);
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the upload was cut off'));
    });
    req.pipe(count).pipe(out);
  });
}

/**
 * The upload of a unit's file (the console's 上传双公示文件), passed through by the gateway:
 * `POST /imports?name=<file name>` with the file as the body (streamed to a temporary file),
 * `GET /imports/<id>` for the job's progress and verdicts, `GET /imports/<id>/rejects` for its
 * rejects file. Only a SOURCE_UNIT token of a registered, active unit uploads; only that unit reads
 * the job. The import is the command's (importRecords), as a job (ImportJobs).
 */
export function importRoutes(
  services: RecordsServices,
  deps: { env: CommonEnv; logger: Logger },
  maxBytes: number,
): { get: Record<string, RouteHandler>; post: Record<string, RouteHandler>; jobs: ImportJobs } {
  const jobs = new ImportJobs(services.db, services.submissions, deps.logger);
  const verify = createTokenVerifier(authConfigFromEnv(deps.env));
  const fail = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    info: RequestInfo,
    field?: string,
  ) =>
    requestError(res, status, code, message, info.requestId, { 'cache-control': 'no-store' }, field ? { field } : {});

  /** The unit behind the bearer token, or the refusal already sent. */
  const unitOf = async (
    req: IncomingMessage,
    res: ServerResponse,
    info: RequestInfo,
  ): Promise<PrincipalOf<typeof Role.SOURCE_UNIT> | undefined> => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return void fail(res, 401, ErrorCode.UNAUTHENTICATED, 'imports require a bearer token', info);
    const principal = await verify(token).catch(() => undefined);
    if (!principal) return void fail(res, 401, ErrorCode.UNAUTHENTICATED, 'invalid or expired token', info);
    if (principal.role !== Role.SOURCE_UNIT)
      return void fail(res, 403, ErrorCode.FORBIDDEN, `imports are for source units, not role ${principal.role}`, info);
    return principal;
  };

  const upload: RouteHandler = async (req, res, info) => {
    const principal = await unitOf(req, res, info);
    if (!principal) return;
    const name = new URL(req.url ?? '/', 'http://localhost').searchParams.get('name')?.trim();
    if (!name)
      return fail(res, 400, ErrorCode.BAD_USER_INPUT, 'name the file: POST /imports?name=<file name>', info, 'name');
    let format: SourceFormat;
    try {
      format = formatOf(name);
    } catch (err) {
      return fail(res, 400, ErrorCode.BAD_USER_INPUT, (err as Error).message, info, 'file');
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBytes)
      return fail(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `the file exceeds ${maxBytes} bytes`, info, 'file');
    let who;
    try {
      who = await submitterFor(principal, services.directory, info.requestId);
    } catch (err) {
      if (err instanceof GraphQLError && err.extensions.code === ErrorCode.FORBIDDEN)
        return fail(res, 403, ErrorCode.FORBIDDEN, err.message, info);
      return requestError(
        res,
        503,
        ErrorCode.SERVICE_UNAVAILABLE,
        'the register of source units cannot be read now; send the file again',
        info.requestId,
        { 'cache-control': 'no-store' },
        { retryable: true },
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'credit-import-'));
    const file = join(dir, `upload.${format}`);
    const count = new Bounded(maxBytes);
    try {
      await receive(req, count, file);
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      if (err instanceof TooLarge)
        return requestError(
          res,
          413,
          ErrorCode.PAYLOAD_TOO_LARGE,
          `the file exceeds ${maxBytes} bytes`,
          info.requestId,
          { connection: 'close', 'cache-control': 'no-store' },
          { field: 'file' },
        );
      // The client went away mid-upload: nobody to answer.
      if (!res.writable) return;
      return fail(res, 400, ErrorCode.BAD_REQUEST, 'the upload was cut off', info, 'file');
    }
    if (count.size === 0) {
      await rm(dir, { recursive: true, force: true });
      return fail(res, 400, ErrorCode.BAD_USER_INPUT, 'the file is empty', info, 'file');
    }
    const job = await jobs.start({ ...who, channel: 'IMPORT' }, { file, dir, fileName: name, format });
    const view = await jobs.view(job);
    const body = JSON.stringify(view);
    res.writeHead(202, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      location: `/imports/${job.id}`,
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  const read: RouteHandler = async (req, res, info) => {
    const m = JOB_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!m) return fail(res, 404, ErrorCode.NOT_FOUND, 'use /imports/<id> or /imports/<id>/rejects', info);
    const principal = await unitOf(req, res, info);
    if (!principal) return;
    const job = await jobs.find(m[1]);
    if (!job) return fail(res, 404, ErrorCode.NOT_FOUND, `import ${m[1]} not found`, info, 'id');
    if (job.unitCode !== principal.unitCode)
      return fail(res, 403, ErrorCode.FORBIDDEN, `import ${job.id} is another unit's upload`, info, 'id');
    if (!m[2]) {
      const body = JSON.stringify(await jobs.view(job));
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      return void res.end(body);
    }
    if (job.status === 'RUNNING')
      return fail(res, 409, ErrorCode.CONFLICT, `import ${job.id} is still running; its rejects file follows`, info);
    if (job.rejected === 0) return fail(res, 404, ErrorCode.NOT_FOUND, `import ${job.id} rejected no row`, info);
    const format = job.format as SourceFormat;
    const base = job.fileName.replace(/\.[^.]*$/, '');
    res.writeHead(200, {
      'content-type': REJECTS_TYPE[format],
      'content-disposition': `attachment; filename="rejects-${job.id}.${format}"; filename*=UTF-8''${encodeURIComponent(`退回行-${base}.${format}`)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const writer = rejectsWriter(res, format, job.header ? (JSON.parse(job.header) as string[]) : null);
    try {
      for await (const row of jobs.rejects(job.id)) await writer.add(row);
      await writer.end();
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, requestId: info.requestId }, 'rejects file cut off');
      res.destroy();
    }
  };

  return { get: { '/imports/*': read }, post: { '/imports': upload }, jobs };
}

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { ErrorCode, isLostDatabaseConnection, isMysql, type Logger } from '@credit/shared';
import { GraphQLError } from 'graphql';
import { MoreThan, type DataSource } from 'typeorm';
import type { SubmissionService, Submitter } from '../submission/submission.service';
import { importRecords, UnreadableFileError, type ImportSummary } from './importer';
import { ImportJobEntity, ImportRejectEntity } from './importJob.entity';
import type { RejectReason } from './rejectReasons';
import type { RejectedRow, RejectsSink } from './rejectsFile';
import type { SourceFormat } from './sourceFile';

/** A RUNNING job whose counts have not moved for this long was cut off (its records process stopped). */
export const STALE_JOB_MS = 10 * 60_000;
// Refused rows are inserted this many at a time.
const REJECT_CHUNK = 500;
// A cell kept for the rejects file is cut here: a MySQL TEXT column holds 64 KiB.
const MAX_CELL = 2_000;
const MAX_CELLS_JSON = 60_000;

/** What the page polls: where the import is, its verdicts so far, and why it failed if it did. */
export interface ImportJobView {
  id: string;
  fileName: string;
  format: string;
  encoding: string | null;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: number;
  regionDefaulted: number;
  unknownColumns: string[];
  startedAt: string;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  /** Where the rejects file is, once the job is over and some row was refused. */
  rejectsUrl: string | null;
  /** The first refused rows, in file order (the rejects file has them all). */
  rejectedRows: { line: number; reasons: RejectReason[] }[];
}

const bounded = (cells: string[]): string => {
  const json = JSON.stringify(cells);
  if (json.length <= MAX_CELLS_JSON) return json;
  return JSON.stringify(cells.map((c) => (c.length > MAX_CELL ? `${c.slice(0, MAX_CELL)}…` : c)));
};

/** A job's state and counts; a RUNNING job that stopped moving reads as FAILED. */
function jobSummary(job: ImportJobEntity, now: Date): Omit<ImportJobView, 'rejectedRows'> {
  const stale = job.status === 'RUNNING' && now.getTime() - job.updatedAt.getTime() > STALE_JOB_MS;
  return {
    id: job.id,
    fileName: job.fileName,
    format: job.format,
    encoding: job.encoding,
    status: stale ? 'FAILED' : job.status,
    total: job.total,
    rows: job.rows,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    excluded: job.excluded,
    rejected: job.rejected,
    regionDefaulted: job.regionDefaulted,
    unknownColumns: job.unknownColumns ? (JSON.parse(job.unknownColumns) as string[]) : [],
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: stale
      ? {
          code: ErrorCode.SERVICE_UNAVAILABLE,
          message:
            'the import stopped (its records process ended); upload the file again: rows already written come back UNCHANGED',
        }
      : job.errorCode
        ? { code: job.errorCode, message: job.errorMessage ?? '' }
        : null,
    rejectsUrl: job.status === 'DONE' && job.rejected > 0 ? `/imports/${job.id}/rejects` : null,
  };
}

/** Upload jobs: started by POST /imports, run in this process, read back from the database by any replica. */
export class ImportJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: DataSource,
    private readonly submissions: SubmissionService,
    private readonly logger: Logger,
  ) {}

  /** Records the job and starts importing `file` (removed with `dir` when done); returns at once. */
  async start(
    who: Submitter,
    upload: { file: string; dir: string; fileName: string; format: SourceFormat },
  ): Promise<ImportJobEntity> {
    const now = new Date();
    const job: ImportJobEntity = Object.assign(new ImportJobEntity(), {
      id: randomUUID(),
      unitCode: who.unitCode,
      actor: who.actor,
      fileName: upload.fileName.slice(0, 200),
      format: upload.format,
      encoding: null,
      status: 'RUNNING' as const,
      total: 0,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      excluded: 0,
      rejected: 0,
      regionDefaulted: 0,
      unknownColumns: null,
      header: null,
      errorCode: null,
      errorMessage: null,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    await this.db.getRepository(ImportJobEntity).insert(job);
    const run = this.run(job, who, upload).finally(() => {
      this.running.delete(run);
      return rm(upload.dir, { recursive: true, force: true });
    });
    this.running.add(run);
    return job;
  }

  /** Resolves once every job this process runs has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  async find(id: string): Promise<ImportJobEntity | null> {
    return this.db.getRepository(ImportJobEntity).findOneBy({ id });
  }

  async view(job: ImportJobEntity, now = new Date()): Promise<ImportJobView> {
    const firstRejects = await this.db.getRepository(ImportRejectEntity).find({
      select: { line: true, reasons: true },
      where: { jobId: job.id },
      order: { line: 'ASC' },
      take: 100,
    });
    return {
      ...jobSummary(job, now),
      rejectedRows: firstRejects.map((r) => ({ line: r.line, reasons: JSON.parse(r.reasons) as RejectReason[] })),
    };
  }

  /** A unit's own uploads, newest first (the desk's 导入记录). */
  async ofUnit(unitCode: string, first: number, now = new Date()): Promise<Omit<ImportJobView, 'rejectedRows'>[]> {
    const jobs = await this.db
      .getRepository(ImportJobEntity)
      .find({ where: { unitCode }, order: { startedAt: 'DESC' }, take: first });
    return jobs.map((j) => jobSummary(j, now));
  }

  /** A finished job's refused rows in file order, read in pages (the file is streamed, never held). */
  async *rejects(jobId: string): AsyncGenerator<RejectedRow> {
    const repo = this.db.getRepository(ImportRejectEntity);
    // A row is refused once: its line is a key within the job.
    let after = 0;
    for (;;) {
      const page = await repo.find({ where: { jobId, line: MoreThan(after) }, order: { line: 'ASC' }, take: 1_000 });
      if (page.length === 0) return;
      for (const r of page)
        yield {
          line: r.line,
          values: JSON.parse(r.cells) as string[],
          reasons: JSON.parse(r.reasons) as RejectReason[],
        };
      after = page[page.length - 1].line;
    }
  }

  private sink(jobId: string): RejectsSink {
    const repo = this.db.getRepository(ImportRejectEntity);
    let pending: Partial<ImportRejectEntity>[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const rows = pending;
      pending = [];
      await repo.insert(rows);
    };
    return {
      header: async (values) => {
        await this.db.getRepository(ImportJobEntity).update({ id: jobId }, { header: JSON.stringify(values) });
      },
      add: async (r) => {
        pending.push({ jobId, line: r.line, cells: bounded(r.values), reasons: JSON.stringify(r.reasons) });
        if (pending.length >= REJECT_CHUNK) await flush();
      },
      close: flush,
    };
  }

  private async run(
    job: ImportJobEntity,
    who: Submitter,
    upload: { file: string; fileName: string; format: SourceFormat },
  ): Promise<void> {
    const repo = this.db.getRepository(ImportJobEntity);
    const counts = (s: ImportSummary) => ({
      total: s.total,
      rows: s.rows,
      created: s.created,
      updated: s.updated,
      unchanged: s.unchanged,
      excluded: s.excluded,
      rejected: s.rejected,
      regionDefaulted: s.regionDefaulted,
      encoding: s.encoding,
      updatedAt: new Date(),
    });
    // Progress is written after each batch, one update at a time, never after the final one.
    let progress: Promise<unknown> = Promise.resolve();
    let over = false;
    try {
      const summary = await importRecords(this.submissions, {
        file: upload.file,
        format: upload.format,
        submitter: who,
        rejects: this.sink(job.id),
        // SQLite has one connection, so one writer; MySQL overlaps two batches' statements (as the command does).
        writers: isMysql(this.db) ? 2 : 1,
        onProgress: (s) => {
          progress = progress.then(() => (over ? undefined : repo.update({ id: job.id }, counts(s)))).catch(() => 0);
        },
      });
      over = true;
      await progress;
      const now = new Date();
      await repo.update(
        { id: job.id },
        {
          ...counts(summary),
          unknownColumns: JSON.stringify(summary.unknownColumns),
          status: 'DONE',
          finishedAt: now,
          updatedAt: now,
        },
      );
    } catch (err) {
      over = true;
      await progress;
      // A file the reader cannot read (no decision-number column, a broken workbook) is the unit's to
      // fix, as is a conflict with its own upload running at the same time; anything else stays in the log.
      const e = err as Error;
      const lost = isLostDatabaseConnection(e);
      const code =
        e instanceof UnreadableFileError
          ? ErrorCode.BAD_USER_INPUT
          : e instanceof GraphQLError && e.extensions.code === ErrorCode.CONFLICT
            ? ErrorCode.CONFLICT
            : lost
              ? ErrorCode.SERVICE_UNAVAILABLE
              : ErrorCode.INTERNAL_SERVER_ERROR;
      const internal = code === ErrorCode.INTERNAL_SERVER_ERROR;
      if (internal || lost) this.logger.error({ err: e, job: job.id }, 'import job failed');
      const now = new Date();
      await repo
        .update(
          { id: job.id },
          {
            status: 'FAILED',
            errorCode: code,
            errorMessage: (internal
              ? 'the import failed; rows written before stay written'
              : lost
                ? 'the database connection was interrupted; rows written before stay written: upload the file again'
                : e.message
            ).slice(0, 500),
            finishedAt: now,
            updatedAt: now,
          },
        )
        .catch((dbErr: unknown) => this.logger.error({ err: dbErr, job: job.id }, 'import job outcome not stored'));
    }
  }
}

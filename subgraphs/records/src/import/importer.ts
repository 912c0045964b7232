import type { PreparedBatch, SubmissionService, Submitter } from '../submission/submission.service';
import { MAX_IMPORT_BATCH_ROWS } from '../submission/submission.service';
import type { RecordRow } from '../submission/recordValidation';
import { RecordVerdict } from '../submission/submission.inputs';
import { csvDecisionNumber, csvRow, jsonRow, mapHeaders } from './headers';
import { cellReason, lineReason, rejectReason, type RejectReason } from './rejectReasons';
import { rejectsFileSink, type RejectsSink } from './rejectsFile';
import {
  DEFAULT_IMPORT_LIMITS,
  detectEncoding,
  jsonLines,
  batched,
  tableRowBatches,
  type ImportLimits,
  type SourceEncoding,
  type SourceFormat,
} from './sourceFile';

export type ImportFormat = SourceFormat;

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  /** Text files only; detected from the file (BOM, valid UTF-8, else GB18030) when not given. */
  encoding?: SourceEncoding;
  submitter: Submitter;
  /**
   * Written only when some row is rejected: the source's columns behind 行号, 原因, 原因代码, in
   * the source's format (rejectsFile.ts).
   */
  rejectsFile?: string;
  /** Where refused rows go instead of a file (an upload job keeps them in its table). */
  rejects?: RejectsSink;
  /** Called after every batch. */
  onProgress?: (s: ImportSummary) => void;
  /** What a cell, a record and a workbook may hold (DEFAULT_IMPORT_LIMITS; tests lower them). */
  limits?: Partial<ImportLimits>;
  /** Rows per transaction (default and maximum MAX_IMPORT_BATCH_ROWS). */
  batchSize?: number;
  /**
   * Transactions written at once (default 1). Rows go to a writer by their decision number, so a
   * number always meets its earlier copies in file order; needs a database with a connection pool.
   */
  writers?: number;
}

export interface ImportSummary {
  format: ImportFormat;
  /** null for a workbook. */
  encoding: SourceEncoding | null;
  /** Rows in the file (known from the first reading, before anything is written). */
  total: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: number;
  /** Rows without a region that got the submitting unit's registered one. */
  regionDefaulted: number;
  batches: number;
  seconds: number;
  rowsPerSecond: number;
  unknownColumns: string[];
}

interface Numbered {
  /** The file's own row (spreadsheet row, header = 1) or, for JSON Lines, its line. */
  line: number;
  /** The row's cells as the file has them (JSON Lines: the line's text), for the rejects file. */
  values: string[];
  row?: RecordRow;
  /** A line that could not even be parsed. */
  broken?: RejectReason;
}

const ENCODING_NAME: Record<SourceEncoding | 'xlsx', string> = { utf8: 'UTF-8', gb18030: 'GB18030', xlsx: 'UTF-8' };
// What a decoder puts where the bytes are not valid in the encoding.
const UNDECODABLE = '\uFFFD';

interface Reading {
  file: string;
  format: ImportFormat;
  encoding: SourceEncoding;
  limits: ImportLimits;
}

/** The file's rows, a few hundred at a time (see csvRowBatches), each numbered and read into a row. */
async function* numberedRows(
  { file, format, encoding, limits }: Reading,
  defaults: { domainCode?: string },
  unknown: string[],
  onHeader: (values: string[]) => Promise<void>,
  /** Rows carry only their decision number (the first reading); a JSON line is still read whole. */
  numbersOnly = false,
): AsyncGenerator<Numbered[]> {
  const encodingName = ENCODING_NAME[format === 'xlsx' ? 'xlsx' : encoding];
  if (format === 'jsonl') {
    for await (const lines of batched(jsonLines(file, encoding, limits))) {
      const out: Numbered[] = [];
      for (const { line, text, tooLong } of lines) {
        if (tooLong) {
          out.push({ line, values: [text], broken: lineReason('LINE_TOO_LONG', String(limits.maxRecordChars)) });
          continue;
        }
        if (!text.trim()) continue;
        if (text.includes(UNDECODABLE)) {
          out.push({ line, values: [text], broken: lineReason('ENCODING_INVALID', encodingName) });
          continue;
        }
        try {
          const obj = JSON.parse(text) as unknown;
          if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('not an object');
          out.push({ line, values: [text], row: jsonRow(obj as Record<string, unknown>, defaults) });
        } catch (err) {
          out.push({ line, values: [text], broken: lineReason('NOT_JSON_OBJECT', (err as Error).message) });
        }
      }
      if (out.length) yield out;
    }
    return;
  }
  let header: ReturnType<typeof mapHeaders> | undefined;
  let names: string[] = [];
  for await (const rows of tableRowBatches(file, format, encoding, limits)) {
    const out: Numbered[] = [];
    for (const { row, values, tooLong } of rows) {
      if (!header) {
        if (tooLong !== undefined) throw new Error(`the header row is longer than ${limits.maxRecordChars} characters`);
        header = mapHeaders(values);
        names = values;
        unknown.push(...header.unknown);
        await onHeader(values);
        continue;
      }
      // Before anything else: a cut row's cell count means nothing, and garbled text must never be stored.
      if (tooLong === 'record') {
        out.push({ line: row, values, broken: lineReason('LINE_TOO_LONG', String(limits.maxRecordChars)) });
        continue;
      }
      if (tooLong !== undefined) {
        const broken = cellReason(
          'FIELD_TOO_LONG',
          names[tooLong] ?? `第 ${tooLong + 1} 列`,
          String(limits.maxFieldChars),
        );
        out.push({ line: row, values, broken });
        continue;
      }
      const garbled = values.findIndex((v) => v.includes(UNDECODABLE));
      if (garbled >= 0) {
        const broken = cellReason('ENCODING_INVALID', names[garbled] ?? `第 ${garbled + 1} 列`, encodingName);
        out.push({ line: row, values, broken });
        continue;
      }
      // A workbook drops empty trailing cells; a CSV row must match its header.
      if (format === 'csv' && values.length !== header.setters.length) {
        out.push({
          line: row,
          values,
          broken: lineReason('FIELD_COUNT', `本行有 ${values.length} 列，表头有 ${header.setters.length} 列`),
        });
        continue;
      }
      out.push({
        line: row,
        values,
        row: numbersOnly ? { decisionNumber: csvDecisionNumber(header, values) } : csvRow(header, values, defaults),
      });
    }
    if (out.length) yield out;
  }
}

/** The file itself cannot be read: no decision-number column, a broken workbook, undecodable text. */
export class UnreadableFileError extends Error {}

/** The reader's own failures, told apart from the database's. */
async function* readable<T>(rows: AsyncGenerator<T>): AsyncGenerator<T> {
  for (;;) {
    let next: IteratorResult<T>;
    try {
      next = await rows.next();
    } catch (err) {
      throw new UnreadableFileError((err as Error).message);
    }
    if (next.done) return;
    yield next.value;
  }
}

const decisionKey = (row: RecordRow | undefined): string => String(row?.decisionNumber ?? '').trim();

/**
 * The first reading: how often each decision number occurs. A decision the file repeats (a row
 * and, further down, its correction) is then written with all its copies in one batch, however
 * far apart they are, so that a re-run of the file finds the file's last word already stored and
 * changes nothing (see SubmissionService.writeRecords).
 */
async function decisionCounts(reading: Reading): Promise<{ total: number; repeated: Map<string, number> }> {
  const counts = new Map<string, number>();
  let total = 0;
  for await (const items of readable(numberedRows(reading, {}, [], async () => undefined, true))) {
    for (const item of items) {
      total++;
      const key = decisionKey(item.row);
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of counts) if (n < 2) counts.delete(key);
  return { total, repeated: counts };
}

/** FNV-1a: a stable, cheap spread of decision numbers over writers. */
function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Streams a unit's file through the same validation and write path as `submitRecords`, in
 * batches of up to 10,000 rows (one transaction each). The file is read twice: first to count
 * each decision number's copies, then to write. A decision's copies go into one batch, in file
 * order, however far apart the file holds them; while a batch is being written, the next one is
 * read and validated, so that parsing overlaps the wait for the database. Re-running a file
 * creates nothing new: every row that was written before comes back UNCHANGED, its in-file
 * corrections included. Refused rows go to the rejects sink (rejectsFile.ts) with Chinese reasons.
 * The import command and upload jobs (importJobs.ts) both run this.
 */
export async function importRecords(submissions: SubmissionService, opts: ImportOptions): Promise<ImportSummary> {
  const started = process.hrtime.bigint();
  const size = Math.max(1, Math.min(opts.batchSize ?? MAX_IMPORT_BATCH_ROWS, MAX_IMPORT_BATCH_ROWS));
  const domains = [...opts.submitter.unitDomains];
  const unknownColumns: string[] = [];
  const encoding = opts.format === 'xlsx' ? null : (opts.encoding ?? (await detectEncoding(opts.file)));
  const s: ImportSummary = {
    format: opts.format,
    encoding,
    total: 0,
    regionDefaulted: 0,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    excluded: 0,
    rejected: 0,
    batches: 0,
    seconds: 0,
    rowsPerSecond: 0,
    unknownColumns,
  };
  const sink = opts.rejects ?? (opts.rejectsFile ? rejectsFileSink(opts.rejectsFile, opts.format) : undefined);
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;

  type Entry = { line: number; values: string[]; row: RecordRow };
  // Rows of written batches (progress counts only what is committed).
  let rowsDone = 0;
  const commit = async (prepared: PreparedBatch, batch: Entry[], rowsThrough: number) => {
    const payload = await submissions.write(prepared);
    s.batches++;
    s.created += payload.created;
    s.updated += payload.updated;
    s.unchanged += payload.unchanged;
    s.excluded += payload.excluded;
    s.rejected += payload.rejected;
    s.regionDefaulted += payload.regionDefaulted;
    for (const r of payload.results) {
      if (r.verdict !== RecordVerdict.REJECTED) continue;
      const { line, values, row } = batch[r.index];
      await sink?.add({ line, values, reasons: r.reasons.map((x) => rejectReason(x, row)) });
    }
    rowsDone = writers === 1 ? rowsThrough : rowsDone + prepared.submitted;
    s.seconds = elapsed();
    s.rowsPerSecond = s.seconds > 0 ? Math.round(rowsDone / s.seconds) : 0;
    opts.onProgress?.({ ...s, rows: rowsDone });
  };
  const writers = Math.max(1, Math.min(opts.writers ?? 1, 4));
  const writerOf = (row: RecordRow): number => (writers === 1 ? 0 : stringHash(decisionKey(row)) % writers);
  // Per writer: the batch being filled and the batch being written (at most one at a time).
  const writing: (Promise<void> | undefined)[] = Array.from({ length: writers });
  const batches: Entry[][] = Array.from({ length: writers }, () => []);
  // Copies of a repeated decision read so far, waiting for its last copy; rows read, not yet batched.
  const waiting = new Map<string, Entry[]>();
  let waitingRows = 0;
  const flush = async (w: number) => {
    const batch = batches[w];
    if (batch.length === 0) return;
    const prepared = await submissions.prepare(
      opts.submitter,
      batch.map((b) => b.row),
    );
    const rowsThrough = s.rows - waitingRows;
    batches[w] = [];
    await writing[w];
    const next = commit(prepared, batch, rowsThrough);
    writing[w] = next;
    // Handled when awaited; this only keeps a failure from being reported as unhandled meanwhile.
    next.catch(() => undefined);
  };
  /**
   * A decision's copies go into one batch together (a group larger than a batch is split, in order).
   * Returns a promise only when a batch fills: most rows are added without an await.
   */
  const enqueue = (group: Entry[]): Promise<void> | undefined => {
    const w = writerOf(group[0].row);
    const filling = batches[w].length + group.length;
    if (filling < size) {
      for (const entry of group) batches[w].push(entry);
      return undefined;
    }
    return enqueueFilling(w, group);
  };
  const enqueueFilling = async (w: number, group: Entry[]) => {
    if (batches[w].length > 0 && batches[w].length + group.length > size) await flush(w);
    for (const entry of group) {
      batches[w].push(entry);
      if (batches[w].length >= size) await flush(w);
    }
  };
  try {
    const reading: Reading = {
      file: opts.file,
      format: opts.format,
      encoding: encoding ?? 'utf8',
      limits: { ...DEFAULT_IMPORT_LIMITS, ...opts.limits },
    };
    const { total, repeated } = await decisionCounts(reading);
    s.total = total;
    // The header goes to the sink after the first reading, so that a failure there is the database's.
    let header: string[] | undefined;
    for await (const items of readable(
      numberedRows(reading, domains.length === 1 ? { domainCode: domains[0] } : {}, unknownColumns, async (values) => {
        header = values;
      }),
    ))
      for (const item of items) {
        if (header) {
          await sink?.header(header);
          header = undefined;
        }
        s.rows++;
        if (item.broken) {
          s.rejected++;
          await sink?.add({ line: item.line, values: item.values, reasons: [item.broken] });
          continue;
        }
        const entry: Entry = { line: item.line, values: item.values, row: item.row! };
        const key = decisionKey(entry.row);
        const copies = repeated.get(key);
        if (!copies) {
          const full = enqueue([entry]);
          if (full) await full;
          continue;
        }
        const group = waiting.get(key) ?? [];
        group.push(entry);
        waitingRows++;
        if (group.length < copies) {
          waiting.set(key, group);
          continue;
        }
        waiting.delete(key);
        waitingRows -= group.length;
        await enqueue(group);
      }
    // Only if the file changed between the two readings.
    for (const group of waiting.values()) {
      waitingRows -= group.length;
      await enqueue(group);
    }
    for (let w = 0; w < writers; w++) await flush(w);
    await Promise.all(writing);
  } finally {
    // On failure, let batches still being written settle before the rejects are closed.
    await Promise.all(writing.map((p) => p?.catch(() => undefined)));
    await sink?.close();
  }
  s.seconds = elapsed();
  s.rowsPerSecond = s.seconds > 0 ? Math.round(s.rows / s.seconds) : 0;
  return s;
}

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PreparedBatch, SubmissionService, Submitter } from '../submission/submission.service';
import { MAX_IMPORT_BATCH_ROWS } from '../submission/submission.service';
import type { RecordRow } from '../submission/recordValidation';
import { RecordVerdict } from '../submission/submission.inputs';
import { csvField } from './csv';
import { csvRow, jsonRow, mapHeaders } from './headers';
import { detectEncoding, jsonLines, tableRows, type SourceEncoding, type SourceFormat } from './sourceFile';

export type ImportFormat = SourceFormat;

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  /** Text files only; detected from the file (BOM, valid UTF-8, else GB18030) when not given. */
  encoding?: SourceEncoding;
  submitter: Submitter;
  /** Written only when some row is rejected: row number, decision number, reasons. */
  rejectsFile?: string;
  /** Called after every batch. */
  onProgress?: (s: ImportSummary) => void;
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
  row?: RecordRow;
  /** A line that could not even be parsed. */
  broken?: string;
}

async function* numberedRows(
  file: string,
  format: ImportFormat,
  encoding: SourceEncoding,
  defaults: { domainCode?: string },
  unknown: string[],
): AsyncGenerator<Numbered> {
  if (format === 'jsonl') {
    for await (const { line, text } of jsonLines(file, encoding)) {
      if (!text.trim()) continue;
      try {
        const obj = JSON.parse(text) as unknown;
        if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('not an object');
        yield { line, row: jsonRow(obj as Record<string, unknown>, defaults) };
      } catch (err) {
        yield { line, broken: `not a JSON object: ${(err as Error).message}` };
      }
    }
    return;
  }
  let header: ReturnType<typeof mapHeaders> | undefined;
  for await (const { row, values } of tableRows(file, format, encoding)) {
    if (!header) {
      header = mapHeaders(values);
      unknown.push(...header.unknown);
      continue;
    }
    // A workbook drops empty trailing cells; a CSV row must match its header.
    if (format === 'csv' && values.length !== header.setters.length) {
      yield { line: row, broken: `has ${values.length} fields, the header has ${header.setters.length}` };
      continue;
    }
    yield { line: row, row: csvRow(header, values, defaults) };
  }
}

/** FNV-1a: a stable, cheap spread of decision numbers over writers. */
function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

async function write(out: WriteStream, text: string) {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Streams a unit's file through the same validation and write path as `submitRecords`, in
 * batches of up to 10,000 rows (one transaction each). While a batch is being written, the next
 * one is read and validated, so that parsing overlaps the wait for the database. Each writer's
 * batches are written in file order, one at a time, so a later batch always sees the rows of an
 * earlier one with the same decision number. Re-running a file creates nothing new: every row that
 * was written before comes back UNCHANGED.
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
  let rejects: WriteStream | undefined;
  const reject = async (line: number, decisionNumber: string | null, reasons: string) => {
    if (!opts.rejectsFile) return;
    if (!rejects) {
      rejects = createWriteStream(opts.rejectsFile, { encoding: 'utf8' });
      await write(rejects, '\uFEFF行号,决定书文号,原因\n');
    }
    await write(rejects, `${line},${csvField(decisionNumber)},${csvField(reasons)}\n`);
  };
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;

  // Rows of written batches (progress counts only what is committed).
  let rowsDone = 0;
  const commit = async (prepared: PreparedBatch, lines: number[], rowsThrough: number) => {
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
      await reject(
        lines[r.index],
        r.decisionNumber,
        r.reasons.map((x) => `${x.field}: ${x.code} ${x.message}`).join('; '),
      );
    }
    rowsDone = writers === 1 ? rowsThrough : rowsDone + prepared.submitted;
    s.seconds = elapsed();
    s.rowsPerSecond = s.seconds > 0 ? Math.round(rowsDone / s.seconds) : 0;
    opts.onProgress?.({ ...s, rows: rowsDone });
  };
  const writers = Math.max(1, Math.min(opts.writers ?? 1, 4));
  const writerOf = (row: RecordRow): number =>
    writers === 1 ? 0 : stringHash(String(row.decisionNumber ?? '')) % writers;
  // Per writer: the batch being filled and the batch being written (at most one at a time).
  const writing: (Promise<void> | undefined)[] = Array.from({ length: writers });
  const batches: { line: number; row: RecordRow }[][] = Array.from({ length: writers }, () => []);
  const flush = async (w: number) => {
    const batch = batches[w];
    if (batch.length === 0) return;
    const lines = batch.map((b) => b.line);
    const prepared = await submissions.prepare(
      opts.submitter,
      batch.map((b) => b.row),
    );
    const rowsThrough = s.rows;
    batches[w] = [];
    await writing[w];
    const next = commit(prepared, lines, rowsThrough);
    writing[w] = next;
    // Handled when awaited; this only keeps a failure from being reported as unhandled meanwhile.
    next.catch(() => undefined);
  };
  try {
    for await (const item of numberedRows(
      opts.file,
      opts.format,
      encoding ?? 'utf8',
      domains.length === 1 ? { domainCode: domains[0] } : {},
      unknownColumns,
    )) {
      s.rows++;
      if (item.broken) {
        s.rejected++;
        await reject(item.line, null, `line: ${item.broken}`);
        continue;
      }
      const w = writerOf(item.row!);
      batches[w].push({ line: item.line, row: item.row! });
      if (batches[w].length >= size) await flush(w);
    }
    for (let w = 0; w < writers; w++) await flush(w);
    await Promise.all(writing);
  } finally {
    // On failure, let batches still being written settle before the rejects file is closed.
    await Promise.all(writing.map((p) => p?.catch(() => undefined)));
    if (rejects) {
      rejects.end();
      await once(rejects, 'finish');
    }
  }
  s.seconds = elapsed();
  s.rowsPerSecond = s.seconds > 0 ? Math.round(s.rows / s.seconds) : 0;
  return s;
}

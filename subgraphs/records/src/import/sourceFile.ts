import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { excel } from './excel';
import { csvRowBatches, csvRows, DEFAULT_RECORD_LIMITS, textLines, type RecordLimits } from './csv';
import { checkWorkbookSize, DEFAULT_WORKBOOK_LIMITS, type WorkbookLimits } from './workbookSize';

/** What units' office software writes: CSV (UTF-8 with or without BOM, or GB18030), .xlsx, or JSON Lines. */
export type SourceFormat = 'csv' | 'jsonl' | 'xlsx';
export type SourceEncoding = 'utf8' | 'gb18030';

export const SOURCE_FORMATS: readonly SourceFormat[] = ['csv', 'jsonl', 'xlsx'];
export const SOURCE_ENCODINGS: readonly SourceEncoding[] = ['utf8', 'gb18030'];

export function formatOf(file: string, explicit?: string): SourceFormat {
  const f = (explicit || extname(file).slice(1) || 'csv').toLowerCase();
  if (f === 'xls') throw new Error('.xls (Excel 97-2003) is not read: save the workbook as .xlsx or CSV');
  if (!(SOURCE_FORMATS as readonly string[]).includes(f)) return 'csv';
  return f as SourceFormat;
}

// Enough text to tell the encodings apart: GB18030 Chinese is invalid UTF-8 within a few characters.
const SNIFF_BYTES = 64 * 1024;

/**
 * UTF-8 when the file starts with a BOM or its first 64 KiB read as UTF-8 (a stray invalid byte, 1 in
 * 10 of its non-ASCII characters at most, is a damaged cell, which rejects its row, not another
 * encoding); GB18030 (a superset of GBK and GB2312, what WPS and Excel on Chinese Windows write)
 * otherwise: GB18030 Chinese read as UTF-8 is invalid at nearly every character.
 */
export async function detectEncoding(file: string): Promise<SourceEncoding> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
    // stream: true leaves a character cut at the sniff boundary undecoded instead of counting it.
    const text = new TextDecoder('utf-8').decode(head, { stream: true });
    let invalid = 0;
    let valid = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xfffd) invalid++;
      else if (c > 0x7f) valid++;
    }
    return invalid * 10 <= valid ? 'utf8' : 'gb18030';
  } finally {
    await handle.close();
  }
}

/**
 * The file as text chunks; a character split across chunks is carried over, never torn. Bytes that
 * are not valid in the encoding come out as U+FFFD, which rejects their row (importer.ts).
 */
export async function* decodedText(file: string, encoding: SourceEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'gb18030');
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    let text = decoder.decode(chunk as Buffer, { stream: true });
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** One row of a source file with the number the unit sees for it (spreadsheet row, or JSON Lines line). */
export interface SourceRow {
  row: number;
  values: string[];
  /** A cell (its index) or the whole record ('record') was past a limit and cut. */
  tooLong?: number | 'record';
}

/** What an import reads at most, per record and per workbook (README, "Import limits"). */
export type ImportLimits = RecordLimits & WorkbookLimits;
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { ...DEFAULT_RECORD_LIMITS, ...DEFAULT_WORKBOOK_LIMITS };

/** Text of a workbook cell as the unit typed it: dates as YYYY-MM-DD, numbers as written, rich text flattened. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  if ('error' in v) return '';
  return String(v);
}

/** The first worksheet's rows, streamed (a 100,000-row workbook is never held whole). */
export async function* sheetRows(
  file: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): AsyncGenerator<SourceRow> {
  await checkWorkbookSize(file, limits);
  const reader = new (excel().stream.xlsx.WorkbookReader)(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      // row.values is 1-based with a hole at 0.
      const raw = row.values as ExcelJS.CellValue[];
      const values: string[] = [];
      for (let i = 1; i < raw.length; i++) values.push(cellText(raw[i]));
      if (values.every((v) => v.trim() === '')) continue;
      const over = values.findIndex((v) => v.length > limits.maxFieldChars);
      if (over >= 0) values[over] = values[over].slice(0, limits.maxFieldChars);
      yield over >= 0 ? { row: row.number, values, tooLong: over } : { row: row.number, values };
    }
    return;
  }
}

/** Rows of a CSV or workbook (header included), numbered as the unit's software shows them. */
export async function* tableRows(
  file: string,
  format: 'csv' | 'xlsx',
  encoding: SourceEncoding,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): AsyncGenerator<SourceRow> {
  if (format === 'xlsx') {
    yield* sheetRows(file, limits);
    return;
  }
  yield* csvRows(decodedText(file, encoding), limits);
}

/** The same rows a few hundred at a time (a CSV's per chunk of text): the importer's reading. */
export async function* tableRowBatches(
  file: string,
  format: 'csv' | 'xlsx',
  encoding: SourceEncoding,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): AsyncGenerator<SourceRow[]> {
  if (format === 'xlsx') {
    yield* batched(sheetRows(file, limits));
    return;
  }
  yield* csvRowBatches(decodedText(file, encoding), limits);
}

const BATCH_ROWS = 256;

/** Items of a generator, up to BATCH_ROWS at a time, in order. */
export async function* batched<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** JSON Lines: one object a line, numbered by line. */
export async function* jsonLines(
  file: string,
  encoding: SourceEncoding,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  let n = 0;
  for await (const { text, tooLong } of textLines(decodedText(file, encoding), limits.maxRecordChars)) {
    n++;
    yield { line: n, text, tooLong };
  }
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { spreadsheetSafeText } from '@credit/shared';
import { excel } from './excel';
import { csvField } from './csv';
import { normaliseHeader } from './headers';
import type { RejectReason } from './rejectReasons';
import type { SourceFormat } from './sourceFile';

/**
 * The columns a rejects file adds in front of the source file's own: the unit reads why first, fixes
 * the cells behind, and sends the file back as it is (the importer ignores these three columns).
 */
export const REJECT_COLUMNS = ['行号', '原因', '原因代码'] as const;

/** A refused row of the source file: its cells as the file had them, and why. */
export interface RejectedRow {
  /** The file's own row (spreadsheet row, header = 1) or, for JSON Lines, its line. */
  line: number;
  /** The row's cells (CSV, workbook), or the line's text as the only element (JSON Lines). */
  values: string[];
  reasons: RejectReason[];
}

/** Where an import's refused rows go: a file (the import command) or an import job's table. */
export interface RejectsSink {
  /** The source's header row (CSV and workbooks), before any row is added. */
  header(values: string[]): Promise<void>;
  add(row: RejectedRow): Promise<void>;
  /** Called once the import has ended, also after a failure. */
  close(): Promise<void>;
}

export interface RejectsWriter {
  add(row: RejectedRow): Promise<void>;
  /** Finishes the file (a workbook is written out here); the stream is ended. */
  end(): Promise<void>;
}

const reasonText = (r: RejectedRow) => r.reasons.map((x) => x.text).join('；');
const reasonCodes = (r: RejectedRow) => r.reasons.map((x) => `${x.field}:${x.code}`).join('; ');

async function write(out: Writable, text: string) {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * The one writer of rejects files, for the import command and the upload jobs alike: the source's
 * format (CSV as UTF-8 with BOM and CRLF, which WPS and Excel open; a workbook for a workbook; JSON
 * Lines for JSON Lines), its columns behind 行号, 原因 and 原因代码, every cell that a spreadsheet
 * would run as a formula escaped as the assessment export escapes it. A rejects file sent back
 * brings its three columns along: they are dropped, not doubled.
 */
export function rejectsWriter(out: Writable, format: SourceFormat, header: string[] | null): RejectsWriter {
  const source = header ?? [];
  const ours = new Set<string>(REJECT_COLUMNS);
  const dropped = new Set(source.flatMap((h, i) => (ours.has(normaliseHeader(h)) ? [i] : [])));
  const cells = (values: string[]) => values.filter((_, i) => !dropped.has(i));
  const heading = [...REJECT_COLUMNS, ...cells(source)];
  const line = (r: RejectedRow) => [String(r.line), reasonText(r), reasonCodes(r), ...cells(r.values)];

  if (format === 'jsonl') {
    return {
      async add(r) {
        let obj: Record<string, unknown>;
        try {
          const parsed = JSON.parse(r.values[0] ?? '') as unknown;
          obj =
            parsed && typeof parsed === 'object' && !Array.isArray(parsed)
              ? (parsed as Record<string, unknown>)
              : { 原文: r.values[0] };
        } catch {
          obj = { 原文: r.values[0] };
        }
        const { 行号: _l, 原因: _r, 原因代码: _c, ...rest } = obj;
        await write(
          out,
          `${JSON.stringify({ 行号: r.line, 原因: reasonText(r), 原因代码: reasonCodes(r), ...rest })}\n`,
        );
      },
      async end() {
        out.end();
        await once(out, 'finish');
      },
    };
  }

  if (format === 'xlsx') {
    const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = wb.addWorksheet('退回行', { views: [{ state: 'frozen', ySplit: 1 }] });
    const head = sheet.addRow(heading.map(spreadsheetSafeText));
    head.font = { bold: true };
    head.commit();
    return {
      async add(r) {
        // Text cells only: the importer reads what the unit sees, and no cell is ever a formula.
        sheet.addRow(line(r).map(spreadsheetSafeText)).commit();
      },
      async end() {
        sheet.commit();
        await wb.commit();
      },
    };
  }

  let started = false;
  const row = (values: string[]) => `${values.map((v) => csvField(spreadsheetSafeText(v))).join(',')}\r\n`;
  return {
    async add(r) {
      if (!started) {
        started = true;
        await write(out, `\uFEFF${row(heading)}`);
      }
      await write(out, row(line(r)));
    },
    async end() {
      if (!started) await write(out, `\uFEFF${row(heading)}`);
      out.end();
      await once(out, 'finish');
    },
  };
}

/** The import command's sink: the rejects file appears only when some row is refused. */
export function rejectsFileSink(path: string, format: SourceFormat): RejectsSink {
  let header: string[] | null = null;
  let writer: RejectsWriter | undefined;
  return {
    async header(values) {
      header = values;
    },
    async add(r) {
      writer ??= rejectsWriter(createWriteStream(path), format, header);
      await writer.add(r);
    },
    async close() {
      await writer?.end();
    },
  };
}

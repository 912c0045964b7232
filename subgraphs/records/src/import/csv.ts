const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * What one record may hold. A cell past the field limit, or a record past the record limit (an
 * unterminated quote swallowing the rest of the file, a line of commas), is cut there and the
 * record marked, so that memory stays bounded whatever the file holds.
 */
export interface RecordLimits {
  /** Characters of one cell (UTF-16 code units). */
  maxFieldChars: number;
  /** Characters of one record, all cells together; also bounds a JSON Lines line. */
  maxRecordChars: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxFieldChars: 64 * 1024, maxRecordChars: 1024 * 1024 };

export interface CsvRecord {
  row: number;
  values: string[];
  /** Set when a limit cut the record: the first cell over the field limit, or 'record'. */
  tooLong?: number | 'record';
}

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
 * The state survives chunk boundaries, and it holds one record at a time, so memory stays flat
 * however long the file is; the caller's `for await` pulls the file only as fast as it consumes
 * records (backpressure). Chunks must be decoded text (a stream with `encoding: 'utf8'`), so that
 * a multi-byte character split across chunks is never torn.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  for await (const r of csvRows(chunks)) yield r.values;
}

/**
 * The same records with the row number a spreadsheet shows for them (the header is row 1; a blank
 * line is a row too), which is what a source unit looks for when a row is rejected.
 */
export async function* csvRows(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRowBatches(chunks, limits)) yield* batch;
}

/**
 * The same records, as the records of each text chunk together: one step of an async generator
 * per chunk instead of per record (the importer's per-record steps through its generators were
 * ~8 % of its CPU in promise jobs, profile 2026-12-07).
 */
export async function* csvRowBatches(
  chunks: AsyncIterable<string>,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): AsyncGenerator<CsvRecord[]> {
  const { maxFieldChars, maxRecordChars } = limits;
  let rowNumber = 0;
  let state = State.FieldStart;
  let field = '';
  let record: string[] = [];
  let recordChars = 0;
  // Past a limit the rest of the cell (or record) is read and dropped, never kept.
  let fieldFull = false;
  let recordFull = false;
  let tooLong: number | 'record' | undefined;
  let skipLf = false;
  let first = true;
  const append = (s: string) => {
    if (fieldFull || recordFull) return;
    if (field.length + s.length <= maxFieldChars) {
      field += s;
      return;
    }
    field += s.slice(0, maxFieldChars - field.length);
    fieldFull = true;
    tooLong ??= record.length;
  };
  const endField = () => {
    if (!recordFull) {
      recordChars += field.length + 1;
      if (recordChars > maxRecordChars) {
        recordFull = true;
        tooLong ??= 'record';
      } else record.push(field);
    }
    field = '';
    fieldFull = false;
  };
  for await (let text of chunks) {
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    const done: CsvRecord[] = [];
    const endRecord = () => {
      endField();
      rowNumber++;
      if (!(record.length === 1 && record[0] === '' && tooLong === undefined))
        done.push(
          tooLong === undefined ? { row: rowNumber, values: record } : { row: rowNumber, values: record, tooLong },
        );
      record = [];
      recordChars = 0;
      recordFull = false;
      tooLong = undefined;
      state = State.FieldStart;
    };
    // Runs of ordinary characters are sliced out whole rather than appended one by one: a string
    // per character was most of the import's garbage.
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (skipLf) {
        skipLf = false;
        if (ch === '\n') continue;
      }
      if (state === State.Quoted) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          append(text.slice(i));
          break;
        }
        append(text.slice(i, quote));
        state = State.QuoteInQuoted;
        i = quote;
        continue;
      }
      if (state === State.QuoteInQuoted && ch === '"') {
        append('"');
        state = State.Quoted;
        continue;
      }
      // Outside quotes (a closing quote was just seen, or an unquoted field).
      if (ch === '"' && state === State.FieldStart) {
        state = State.Quoted;
      } else if (ch === ',') {
        endField();
        state = State.FieldStart;
      } else if (ch === '\n' || ch === '\r') {
        endRecord();
        skipLf = ch === '\r';
      } else {
        // Up to the next delimiter; a quote inside an unquoted field is an ordinary character.
        let end = i + 1;
        while (end < text.length) {
          const c = text.charCodeAt(end);
          if (c === 44 || c === 10 || c === 13) break;
          end++;
        }
        append(text.slice(i, end));
        state = State.Unquoted;
        i = end - 1;
      }
    }
    if (done.length) yield done;
  }
  if (field !== '' || record.length > 0 || tooLong !== undefined) {
    endField();
    yield [
      tooLong === undefined ? { row: rowNumber + 1, values: record } : { row: rowNumber + 1, values: record, tooLong },
    ];
  }
}

/** Lines of a text stream (JSON Lines), one at a time; a line past the limit is cut there and marked. */
export async function* textLines(
  chunks: AsyncIterable<string>,
  maxChars: number = DEFAULT_RECORD_LIMITS.maxRecordChars,
): AsyncGenerator<{ text: string; tooLong: boolean }> {
  let rest = '';
  let cut = false;
  for await (const text of chunks) {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const piece = text.slice(from, nl === -1 ? text.length : nl);
      if (!cut) {
        if (rest.length + piece.length > maxChars) {
          rest += piece.slice(0, maxChars - rest.length);
          cut = true;
        } else rest += piece;
      }
      if (nl === -1) break;
      yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, tooLong: cut };
      rest = '';
      cut = false;
      from = nl + 1;
    }
  }
  if (rest || cut) yield { text: rest, tooLong: cut };
}

/** One CSV field, quoted when it needs to be. */
export const csvField = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

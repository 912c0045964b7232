const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
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
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<{ row: number; values: string[] }> {
  let rowNumber = 0;
  let state = State.FieldStart;
  let field = '';
  let record: string[] = [];
  let skipLf = false;
  let first = true;
  for await (let text of chunks) {
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    const done: { row: number; values: string[] }[] = [];
    const endRecord = () => {
      record.push(field);
      field = '';
      rowNumber++;
      if (!(record.length === 1 && record[0] === '')) done.push({ row: rowNumber, values: record });
      record = [];
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
          field += text.slice(i);
          break;
        }
        field += text.slice(i, quote);
        state = State.QuoteInQuoted;
        i = quote;
        continue;
      }
      if (state === State.QuoteInQuoted && ch === '"') {
        field += '"';
        state = State.Quoted;
        continue;
      }
      // Outside quotes (a closing quote was just seen, or an unquoted field).
      if (ch === '"' && state === State.FieldStart) {
        state = State.Quoted;
      } else if (ch === ',') {
        record.push(field);
        field = '';
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
        field += text.slice(i, end);
        state = State.Unquoted;
        i = end - 1;
      }
    }
    for (const r of done) yield r;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield { row: rowNumber + 1, values: record };
  }
}

/** Lines of a text stream (JSON Lines), one at a time. */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const text of chunks) {
    const lines = (rest + text).split(/\r?\n/);
    rest = lines.pop() ?? '';
    for (const l of lines) yield l;
  }
  if (rest) yield rest;
}

/** One CSV field, quoted when it needs to be. */
export const csvField = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A file's rows as text cells; `row` is the file's own row number (1 = the header). */
export interface Table {
  headers: string[];
  rows: { row: number; values: string[] }[];
}

/** UTF-8 (with or without BOM) when it decodes cleanly, otherwise GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 records: quoted fields, doubled quotes, line breaks inside quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      out.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    out.push(record);
  }
  return out.filter((r) => r.some((v) => v.trim() !== ''));
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v);
}

/** Reads a .csv or .xlsx file chosen in the browser (the workbook reader loads only for .xlsx). */
export async function readTable(file: File): Promise<Table> {
  const bytes = await file.arrayBuffer();
  let grid: { row: number; values: string[] }[];
  if (/\.xlsx$/i.test(file.name)) {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const sheet = wb.worksheets[0];
    grid = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      grid.push({ row: row.number, values: (row.values as unknown[]).slice(1).map(cellText) });
    });
  } else {
    grid = parseCsv(decodeCsv(bytes)).map((values, i) => ({ row: i + 1, values }));
  }
  const [header, ...rows] = grid;
  return { headers: header?.values ?? [], rows };
}

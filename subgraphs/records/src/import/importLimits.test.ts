import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvRows, textLines, type CsvRecord } from './csv';
import { detectEncoding, sheetRows } from './sourceFile';
import { declareHugeSheet, understateSizes } from '../../test/workbookBomb';
import { checkWorkbookSize, WorkbookRefused } from './workbookSize';

const dir = mkdtempSync(join(tmpdir(), 'import-limits-'));

async function* chunks(...parts: string[]) {
  for (const p of parts) yield p;
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
/** `n` characters, fed in 64 KiB chunks as the file reader feeds them. */
async function* repeated(prefix: string, n: number, suffix: string) {
  yield prefix;
  for (let left = n; left > 0; left -= 65_536) yield 'x'.repeat(Math.min(left, 65_536));
  yield suffix;
}

const LIMITS = { maxFieldChars: 1_000, maxRecordChars: 10_000 };

describe('CSV record limits', () => {
  it('cuts a cell past the field limit and marks its column; the rows around it are read as usual', async () => {
    const rows: CsvRecord[] = await collect(
      csvRows(chunks('a,b,c\r\n1,', `"${'y'.repeat(1_500)}"`, ',3\r\n4,5,6\r\n'), LIMITS),
    );
    expect(rows.map((r) => [r.row, r.tooLong, r.values.map((v) => v.length)])).toEqual([
      [1, undefined, [1, 1, 1]],
      [2, 1, [1, 1_000, 1]],
      [3, undefined, [1, 1, 1]],
    ]);
  });

  it('a quote never closed swallows the rest of the file as one record, marked, and kept no longer than the limit', async () => {
    const rows = await collect(csvRows(repeated('a,b\r\n1,"', 5_000_000, '\r\n2,3\r\n'), LIMITS));
    expect(rows).toHaveLength(2);
    expect(rows[1].tooLong).toBe(1);
    expect(rows[1].values.join('').length).toBeLessThanOrEqual(LIMITS.maxRecordChars);
  });

  it('a record of too many cells is marked as a whole, and the next record is read as usual', async () => {
    const rows = await collect(csvRows(chunks('a,b\r\n', ','.repeat(20_000), '\r\n1,2\r\n'), LIMITS));
    expect(rows.map((r) => [r.row, r.tooLong])).toEqual([
      [1, undefined],
      [2, 'record'],
      [3, undefined],
    ]);
    expect(rows[1].values.length).toBeLessThanOrEqual(LIMITS.maxRecordChars);
    expect(rows[2].values).toEqual(['1', '2']);
  });

  it('a JSON Lines line past the limit is cut and marked; the next line is whole', async () => {
    const lines = await collect(textLines(repeated('{"a":"', 50_000, '"}\n{"b":1}\n'), 10_000));
    expect(lines.map((l) => [l.text.length, l.tooLong])).toEqual([
      [10_000, true],
      [7, false],
    ]);
  });
});

describe('encoding detection', () => {
  it('a UTF-8 file without BOM with one damaged cell is still UTF-8; GB18030 Chinese is GB18030', async () => {
    const utf8 = join(dir, 'damaged.csv');
    writeFileSync(
      utf8,
      Buffer.concat([
        Buffer.from('行政处罚决定书文号,违法事实\n黔市监罚〔2025〕1号,'),
        Buffer.from([0xff]),
        Buffer.from('经查\n'),
      ]),
    );
    expect(await detectEncoding(utf8)).toBe('utf8');
    const gb = join(dir, 'gb.csv');
    writeFileSync(gb, iconv.encode('行政处罚决定书文号,违法事实\n黔市监罚〔2025〕1号,经查属实\n', 'gb18030'));
    expect(await detectEncoding(gb)).toBe('gb18030');
  });
});

async function workbook(file: string, cell: string, sharedStrings = false) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings });
  const sheet = wb.addWorksheet('s');
  sheet.addRow(['行政处罚决定书文号', '违法事实']).commit();
  sheet.addRow(['黔市监罚〔2025〕1号', cell]).commit();
  sheet.commit();
  await wb.commit();
}

describe('workbook size, checked from the zip directory before parsing', () => {
  it('reads a workbook within the limits', async () => {
    const file = join(dir, 'ok.xlsx');
    await workbook(file, '经查属实');
    await expect(checkWorkbookSize(file)).resolves.toBeUndefined();
    const rows = await collect(sheetRows(file));
    expect(rows.map((r) => r.values)).toEqual([
      ['行政处罚决定书文号', '违法事实'],
      ['黔市监罚〔2025〕1号', '经查属实'],
    ]);
  });

  it('refuses a real zip of highly compressible content past a (lowered) inflated-size limit', async () => {
    const file = join(dir, 'compressible.xlsx');
    await workbook(file, 'a'.repeat(4 * 1024 * 1024));
    const limits = { maxInflatedBytes: 2 * 1024 * 1024, maxSharedStringsBytes: 1024 * 1024 * 1024 };
    await expect(checkWorkbookSize(file, limits)).rejects.toThrow(/unzips to 4 MiB, more than the 2 MiB/);
    await expect(
      collect(sheetRows(file, { ...limits, maxFieldChars: 65_536, maxRecordChars: 1 << 20 })),
    ).rejects.toThrow(WorkbookRefused);
  });

  it('refuses shared strings past their limit', async () => {
    const file = join(dir, 'shared.xlsx');
    await workbook(file, 'b'.repeat(3 * 1024 * 1024), true);
    await expect(
      checkWorkbookSize(file, { maxInflatedBytes: 1024 * 1024 * 1024, maxSharedStringsBytes: 1024 * 1024 }),
    ).rejects.toThrow(/shared strings unzip to 3 MiB/);
  });

  it('refuses a crafted workbook whose directory declares 3.9 GiB unzipped, at the default limits, without inflating it', async () => {
    const file = join(dir, 'bomb.xlsx');
    await workbook(file, '经查属实');
    writeFileSync(file, declareHugeSheet(readFileSync(file)));
    const before = process.memoryUsage().rss;
    await expect(collect(sheetRows(file))).rejects.toThrow(/the workbook unzips to 4\d{3} MiB, more than the 256 MiB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a workbook whose directory understates its sizes, by counting what it inflates, in bounded memory', async () => {
    const file = join(dir, 'liar.xlsx');
    await workbook(file, 'c'.repeat(8 * 1024 * 1024));
    writeFileSync(file, understateSizes(readFileSync(file)));
    const limits = { maxInflatedBytes: 2 * 1024 * 1024, maxSharedStringsBytes: 1024 * 1024 * 1024 };
    await expect(checkWorkbookSize(file, limits)).rejects.toThrow(
      /unzips to over 2 MiB \(its zip directory said less\), more than the 2 MiB/,
    );
    // At the default limits the same file is read: the count found nothing past them.
    await expect(checkWorkbookSize(file)).resolves.toBeUndefined();
  });

  it('refuses a file that is no zip at all', async () => {
    const file = join(dir, 'text.xlsx');
    writeFileSync(file, 'not a workbook');
    await expect(checkWorkbookSize(file)).rejects.toThrow(/not an .xlsx workbook/);
  });
});

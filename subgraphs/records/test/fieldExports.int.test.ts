import { join } from 'node:path';
import iconv from 'iconv-lite';
import { usingMysql } from '@credit/shared/test';
import { importRecords } from '../src/import/importer';
import { writeNationalExport, type ExportFlavour } from '../src/import/nationalExport';
import { detectEncoding, tableRows } from '../src/import/sourceFile';
import { RecordEntity } from '../src/record/record.entity';
import { ExcludedDecisionEntity } from '../src/record/excludedDecision.entity';
import { startRecordsWithEntities } from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
beforeAll(async () => {
  h = await startRecordsWithEntities();
});
afterAll(() => h.stop());

const unit = (unitCode: string, unitRegionCode: string) => ({
  unitCode,
  unitDomains: new Set(['D07']),
  unitRegionCode,
  actor: `import:${unitCode}`,
  channel: 'IMPORT' as const,
});

const FLAVOURS: [ExportFlavour, string][] = [
  ['csv-utf8-bom', 'csv'],
  ['csv-utf8', 'csv'],
  ['csv-gb18030', 'csv'],
  ['xlsx', 'xlsx'],
];

describe(`national 双公示 exports as office software writes them (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it.each(FLAVOURS)('imports a messy %s export row for row as the file means it', async (flavour, ext) => {
    const dir = h.records.env.DATA_DIR!;
    const tag = `${flavour}-${Math.floor(Math.random() * 1e9)}`;
    const file = join(dir, `export-${tag}.${ext}`);
    const rejects = join(dir, `rejects-${tag}.${ext}`);
    const exp = await writeNationalExport(file, { rows: 600, flavour, tag });
    const unitCode = `GZ-FX${Math.floor(Math.random() * 1e6)}`;

    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: ext as 'csv' | 'xlsx',
      submitter: unit(unitCode, '520100'),
      rejectsFile: rejects,
    });
    expect(s.encoding).toBe(flavour === 'xlsx' ? null : flavour === 'csv-gb18030' ? 'gb18030' : 'utf8');
    expect(s).toMatchObject({
      rows: exp.rows,
      created: exp.records,
      updated: exp.corrections,
      unchanged: exp.identicalRepeats,
      excluded: exp.notPunished,
      rejected: exp.rejectedRows.length,
      regionDefaulted: exp.rows,
    });
    expect(exp.corrections).toBeGreaterThan(10);
    expect(exp.notPunished).toBeGreaterThan(10);

    // Reject rows name the file's own row, and a 万元 value is quoted as the file wrote it.
    const rejected: string[][] = [];
    for await (const r of tableRows(rejects, ext as 'csv' | 'xlsx', 'utf8')) rejected.push(r.values);
    expect(rejected[0].slice(0, 3)).toEqual(['行号', '原因', '原因代码']);
    expect(rejected.slice(1).map((r) => Number(r[0]))).toEqual(exp.rejectedRows);
    expect(rejected.find((r) => r[2].includes('NEGATIVE_AMOUNT'))?.[1]).toMatch(
      /金额不能为负数（填写的是“-\d+(\.\d+)?万元”）/,
    );

    const stored = await h.records.app.dataSource.getRepository(RecordEntity).find({
      where: { sourceUnitCode: unitCode },
      select: { decisionNumber: true, fineAmount: true, regionCode: true, facts: true },
    });
    expect(stored).toHaveLength(exp.records);
    // Corrections further down the file won: every decision holds the fine of its last row.
    expect(new Map(stored.map((r) => [r.decisionNumber, r.fineAmount]))).toEqual(exp.finalFine);
    expect(new Set(stored.map((r) => r.regionCode))).toEqual(new Set(['520100']));
    // A quoted line break inside 违法事实 is part of the field, not a new row.
    expect(stored.some((r) => r.facts.includes('\n'))).toBe(true);
    const excluded = await h.records.app.dataSource
      .getRepository(ExcludedDecisionEntity)
      .countBy({ sourceUnitCode: unitCode, reason: 'LAWFULLY_NOT_PUNISHED' });
    expect(excluded).toBe(exp.notPunished);

    // The same file again brings nothing new, its in-file corrections included.
    const again = await importRecords(h.records.app.services.submissions, {
      file,
      format: ext as 'csv' | 'xlsx',
      submitter: unit(unitCode, '520100'),
    });
    expect(again).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: exp.records + exp.corrections + exp.identicalRepeats,
      excluded: exp.notPunished,
    });
  });

  it("a provincial unit's rows get the registration region in each subject's credit code", async () => {
    const dir = h.records.env.DATA_DIR!;
    const tag = `prov-${Math.floor(Math.random() * 1e9)}`;
    const file = join(dir, `export-${tag}.csv`);
    const exp = await writeNationalExport(file, {
      rows: 50,
      flavour: 'csv-utf8-bom',
      tag,
      subjectRegion: '520300',
      messy: false,
    });
    const unitCode = `GZ-PROV${Math.floor(Math.random() * 1e6)}`;
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: unit(unitCode, '520000'),
    });
    expect(s).toMatchObject({ created: exp.records, regionDefaulted: 50, rejected: 0 });
    const regions = await h.records.app.dataSource
      .getRepository(RecordEntity)
      .find({ where: { sourceUnitCode: unitCode }, select: { regionCode: true } });
    expect(new Set(regions.map((r) => r.regionCode))).toEqual(new Set(['520300']));
  });

  it('tells GB18030 from UTF-8 without a BOM, and imports by --encoding when told', async () => {
    const dir = h.records.env.DATA_DIR!;
    const gb = join(dir, `gb-${Date.now()}.csv`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(gb, iconv.encode('行政处罚决定书文号,行政相对人名称\r\n筑〔1〕1号,贵阳某某公司\r\n', 'gb18030'));
    expect(await detectEncoding(gb)).toBe('gb18030');
    const utf = join(dir, `utf-${Date.now()}.csv`);
    writeFileSync(utf, '行政处罚决定书文号,行政相对人名称\n筑〔1〕1号,贵阳某某公司\n');
    expect(await detectEncoding(utf)).toBe('utf8');
  });
});

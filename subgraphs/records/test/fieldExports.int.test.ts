import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { makeCreditCode } from '@credit/shared';
import { usingMysql } from '@credit/shared/test';
import { csvField } from '../src/import/csv';
import { importRecords } from '../src/import/importer';
import {
  NATIONAL_HEADERS,
  NEAR_MISS_WORDINGS,
  NON_PUNISHMENT_WORDINGS,
  writeNationalExport,
  type ExportFlavour,
} from '../src/import/nationalExport';
import { findStoredNonPunishments } from '../src/maintenance/storedRecordChecks';
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
    // Every wording of 不予处罚 (其他 + 依法不予行政处罚 …) and of its near misses is in the file.
    expect(exp.notPunished).toBeGreaterThanOrEqual(NON_PUNISHMENT_WORDINGS.length);
    expect(exp.nearMisses).toBeGreaterThanOrEqual(NEAR_MISS_WORDINGS.length);

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
    // records:check agrees with the importer: none of what it created reads as 不予处罚.
    const slipped = (await findStoredNonPunishments(h.records.app.dataSource)).filter(
      (f) => f.sourceUnitCode === unitCode,
    );
    expect(slipped).toEqual([]);

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

  it('excludes a hand-made 处罚类别 其他 + 处罚内容 依法不予行政处罚 row as LAWFULLY_NOT_PUNISHED', async () => {
    const dir = h.records.env.DATA_DIR!;
    const tag = `hand-${Math.floor(Math.random() * 1e9)}`;
    const file = join(dir, `export-${tag}.csv`);
    const authorityCode = makeCreditCode('11', '520100', 11_300_000);
    const line = (n: number, category: string, content: string) =>
      [
        `贵阳手工商贸有限公司${n}`,
        '法人及非法人组织',
        makeCreditCode('91', '520100', 42_000_000 + n * 13),
        '',
        '',
        '张某某',
        '',
        '',
        `筑市监罚〔${tag}〕${n}号`,
        '销售不合格产品',
        '经查，当事人销售不合格产品。',
        '《中华人民共和国行政处罚法》第三十三条第一款',
        category,
        content,
        '',
        '',
        '2024/5/6',
        '',
        '',
        '贵阳市市场监督管理局',
        authorityCode,
        '贵阳市市场监督管理局',
        authorityCode,
        '',
      ]
        .map(csvField)
        .join(',');
    writeFileSync(
      file,
      '\uFEFF' +
        [
          NATIONAL_HEADERS.join(','),
          line(1, '其他', '依法不予行政处罚'),
          line(2, '其他', '对违法行为一不予处罚，对违法行为二给予警告'),
        ].join('\r\n') +
        '\r\n',
    );
    const unitCode = `GZ-HAND${Math.floor(Math.random() * 1e6)}`;
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: unit(unitCode, '520100'),
    });
    expect(s).toMatchObject({ rows: 2, created: 1, excluded: 1, rejected: 0 });
    const excluded = await h.records.app.dataSource
      .getRepository(ExcludedDecisionEntity)
      .findBy({ sourceUnitCode: unitCode });
    expect(excluded.map((e) => [e.decisionNumber, e.reason])).toEqual([
      [`筑市监罚〔${tag}〕1号`, 'LAWFULLY_NOT_PUNISHED'],
    ]);
    const stored = await h.records.app.dataSource.getRepository(RecordEntity).findBy({ sourceUnitCode: unitCode });
    expect(stored.map((r) => [r.decisionNumber, r.penaltyTypes])).toEqual([[`筑市监罚〔${tag}〕2号`, '其他']]);
  });

  it('tells GB18030 from UTF-8 without a BOM, and imports by --encoding when told', async () => {
    const dir = h.records.env.DATA_DIR!;
    const gb = join(dir, `gb-${Date.now()}.csv`);
    writeFileSync(gb, iconv.encode('行政处罚决定书文号,行政相对人名称\r\n筑〔1〕1号,贵阳某某公司\r\n', 'gb18030'));
    expect(await detectEncoding(gb)).toBe('gb18030');
    const utf = join(dir, `utf-${Date.now()}.csv`);
    writeFileSync(utf, '行政处罚决定书文号,行政相对人名称\n筑〔1〕1号,贵阳某某公司\n');
    expect(await detectEncoding(utf)).toBe('utf8');
  });
});

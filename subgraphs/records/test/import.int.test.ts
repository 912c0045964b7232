import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry, creditCodeCheckCharacter } from '@credit/shared';
import { usingMysql } from '@credit/shared/test';
import { In } from 'typeorm';
import { checkTallies } from '../src/aggregates/tallyMaintenance';
import { RecordChangeOutboxEntity } from '../src/changeFeed/recordChangeOutbox.entity';
import { importRecords } from '../src/import/importer';
import { writeNationalExport } from '../src/import/nationalExport';
import { SAMPLE_HEADERS, writeSampleCsv } from '../src/import/sampleCsv';
import { RecordEntity } from '../src/record/record.entity';
import { RevisionEntity } from '../src/record/revision.entity';
import * as load from '../src/submission/bulkLoad';
import { SubmissionEntity } from '../src/submission/submission.entity';
import { MAX_SUBMISSION_ROWS } from '../src/submission/submission.service';
import { recordInput, startRecordsWithEntities } from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
beforeAll(async () => {
  h = await startRecordsWithEntities();
});
afterAll(() => h.stop());

const submitter = (unitCode: string) => ({
  unitCode,
  unitDomains: new Set(['D07']),
  actor: `import:${unitCode}`,
  channel: 'IMPORT' as const,
});

describe(`bulk import on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('loads a 双公示 CSV in batches, writes a rejects file, and creates nothing new when re-run', async () => {
    const dir = h.records.env.DATA_DIR!;
    const file = join(dir, 'penalties.csv');
    const rejects = join(dir, 'rejects.csv');
    const unitCode = `GZ-IMP${Math.floor(Math.random() * 1e6)}`;
    await writeSampleCsv(file, { rows: 3_000, domainCode: 'D07', tag: unitCode, invalidEvery: 100 });
    const progress: number[] = [];
    const first = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
      rejectsFile: rejects,
      batchSize: 1_000,
      onProgress: (s) => progress.push(s.rows),
    });
    expect(first).toMatchObject({ rows: 3_000, created: 2_970, rejected: 30, unchanged: 0, batches: 3 });
    expect(progress).toEqual([1_000, 2_000, 3_000]);
    expect(first.rowsPerSecond).toBeGreaterThan(0);
    // The source's columns behind 行号, 原因 (Chinese) and 原因代码; UTF-8 with BOM and CRLF for WPS and Excel.
    const text = readFileSync(rejects, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(31);
    expect(lines[0]).toBe(['行号', '原因', '原因代码', ...SAMPLE_HEADERS].join(','));
    expect(lines[1]).toMatch(
      /^101,统一社会信用代码\/证件号码：校验位不正确，请核对代码（填写的是“91520100\w+”）,creditCode:BAD_CHECK_CHARACTER,黔市监罚〔.+〕100号,行政处罚,/,
    );

    // Fixing a rejected row in the rejects file and importing that file accepts the row.
    const CODE = 3 + SAMPLE_HEADERS.indexOf('行政相对人代码_1(统一社会信用代码)');
    const fixedLines = lines.slice(0, 2).map((l, i) => {
      if (i === 0) return l;
      const cells = l.split(',');
      cells[CODE] = cells[CODE].slice(0, 17) + creditCodeCheckCharacter(cells[CODE].slice(0, 17));
      return cells.join(',');
    });
    const fixedFile = join(dir, 'rejects-fixed.csv');
    writeFileSync(fixedFile, `\uFEFF${fixedLines.join('\r\n')}\r\n`);
    const fixed = await importRecords(h.records.app.services.submissions, {
      file: fixedFile,
      format: 'csv',
      submitter: submitter(unitCode),
    });
    expect(fixed).toMatchObject({ rows: 1, created: 1, rejected: 0, unknownColumns: [] });

    const records = h.records.app.dataSource.getRepository(RecordEntity);
    expect(await records.countBy({ sourceUnitCode: unitCode })).toBe(2_971);
    const again = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
    });
    // The default batch is larger than the API's 1,000 rows: the re-run is one transaction.
    // Row 101 is still wrong in the source file; its fixed copy is stored.
    expect(again).toMatchObject({ rows: 3_000, created: 0, unchanged: 2_970, rejected: 30, batches: 1 });
    expect(await records.countBy({ sourceUnitCode: unitCode })).toBe(2_971);
    expect(
      await h.records.app.dataSource
        .getRepository(SubmissionEntity)
        .countBy({ sourceUnitCode: unitCode, channel: 'IMPORT' }),
    ).toBe(5);
    const sample = await records.findOneByOrFail({
      sourceUnitCode: unitCode,
      decisionNumber: `黔市监罚〔${unitCode}〕10号`,
    });
    expect(sample).toMatchObject({
      confiscatedAmount: '1200.00',
      category: 'ADMINISTRATIVE_PENALTY',
      penaltyTypes: '警告;罚款',
    });
  });

  it('imports JSON Lines and rejects lines that are not JSON objects', async () => {
    const dir = h.records.env.DATA_DIR!;
    const file = join(dir, 'records.jsonl');
    const rejects = join(dir, 'rejects.jsonl');
    const unitCode = `GZ-JL${Math.floor(Math.random() * 1e6)}`;
    writeFileSync(
      file,
      [
        JSON.stringify(recordInput()),
        'not json',
        JSON.stringify({ ...recordInput(), 处罚决定日期: '2019/12/31', decisionDate: undefined }),
        '',
      ].join('\n'),
    );
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'jsonl',
      submitter: submitter(unitCode),
      rejectsFile: rejects,
    });
    expect(s).toMatchObject({ rows: 3, created: 1, rejected: 2 });
    // JSON Lines come back as JSON Lines: the line's object with 行号, 原因 and 原因代码.
    const lines = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ 行号: 2, 原因代码: 'line:NOT_JSON_OBJECT', 原文: 'not json' });
    expect(lines[0].原因).toMatch(/^本行不是一个 JSON 对象/);
    expect(lines[1]).toMatchObject({ 行号: 3, 原因代码: 'decisionDate:DATE_BEFORE_2020', 处罚决定日期: '2019/12/31' });
  });

  it("writes more than the API's 1,000 rows in one transaction, with one audit row per subject written", async () => {
    const dir = h.records.env.DATA_DIR!;
    const file = join(dir, 'large-batch.csv');
    const unitCode = `GZ-BIG${Math.floor(Math.random() * 1e6)}`;
    await writeSampleCsv(file, { rows: 2_500, domainCode: 'D07', tag: unitCode, subjects: 700 });
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
    });
    expect(s).toMatchObject({ rows: 2_500, created: 2_500, rejected: 0, batches: 1 });

    const ds = h.records.app.dataSource;
    const [log] = await ds.getRepository(SubmissionEntity).findBy({ sourceUnitCode: unitCode });
    expect(log).toMatchObject({ rowsSubmitted: 2_500, created: 2_500 });
    const records = await ds
      .getRepository(RecordEntity)
      .find({ select: { id: true, creditCode: true }, where: { sourceUnitCode: unitCode } });
    expect(records).toHaveLength(2_500);
    expect(await ds.getRepository(RevisionEntity).countBy({ batchId: log.id, action: 'CREATED', seq: 1 })).toBe(2_500);
    // Every subject written appears in the audit trail, once per batch.
    const audited = await ds.getRepository(AuditEntry).findBy({ target: `batch ${log.id}`, action: 'record.submit' });
    expect(audited.map((a) => a.subjectCode).sort()).toEqual([...new Set(records.map((r) => r.creditCode))].sort());
    expect(audited).toHaveLength(700);

    const again = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
    });
    expect(again).toMatchObject({ rows: 2_500, created: 0, unchanged: 2_500, batches: 1 });
    expect(await ds.getRepository(RecordEntity).countBy({ sourceUnitCode: unitCode })).toBe(2_500);
  });

  // Two writers need a connection each: the import command uses them on MySQL only.
  (usingMysql ? it : it.skip)(
    'with two writers, a decision number repeated far apart in the file still meets its first copy (MySQL pass only)',
    async () => {
      const dir = h.records.env.DATA_DIR!;
      const file = join(dir, 'two-writers.csv');
      const unitCode = `GZ-TW${Math.floor(Math.random() * 1e6)}`;
      await writeSampleCsv(file, { rows: 3_000, domainCode: 'D07', tag: unitCode });
      const [header, first, second, ...rest] = readFileSync(file, 'utf8').trimEnd().split('\n');
      // Rows 1 and 2 come back as the last two lines: the first unchanged, the second with a new fine.
      const changed = second.replace(/,(\d+)\.00,/, (_m, n) => `,${Number(n) + 1}.00,`);
      expect(changed).not.toBe(second);
      writeFileSync(file, [header, first, second, ...rest, first, changed, ''].join('\n'));
      const progress: number[] = [];
      const s = await importRecords(h.records.app.services.submissions, {
        file,
        format: 'csv',
        submitter: submitter(unitCode),
        batchSize: 500,
        writers: 2,
        onProgress: (p) => progress.push(p.rows),
      });
      expect(s).toMatchObject({ rows: 3_002, created: 3_000, unchanged: 1, updated: 1, rejected: 0 });
      expect(s.batches).toBeGreaterThanOrEqual(6);
      expect(progress.at(-1)).toBe(3_002);
      const ds = h.records.app.dataSource;
      expect(await ds.getRepository(RecordEntity).countBy({ sourceUnitCode: unitCode })).toBe(3_000);
      const again = await importRecords(h.records.app.services.submissions, {
        file,
        format: 'csv',
        submitter: submitter(unitCode),
        batchSize: 500,
        writers: 2,
      });
      // A decision's copies share a batch however far apart: the file's last word is stored, nothing changes.
      expect(again).toMatchObject({ rows: 3_002, created: 0, rejected: 0, unchanged: 3_002, updated: 0 });
      expect(await ds.getRepository(RecordEntity).countBy({ sourceUnitCode: unitCode })).toBe(3_000);
    },
  );

  it(`keeps the tallies equal to a recount and puts every change in the change feed, with ${usingMysql ? 'two writers' : 'one writer'}`, async () => {
    const dir = h.records.env.DATA_DIR!;
    const tag = `TAL${Math.floor(Math.random() * 1e6)}`;
    const file = join(dir, `tallies-${tag}.csv`);
    // Corrections further down, identical repeats, 不予处罚 and rejects; decision days spread over years.
    const exp = await writeNationalExport(file, { rows: 2_400, flavour: 'csv-utf8-bom', tag, subjects: 300 });
    const unitCode = `GZ-TAL${Math.floor(Math.random() * 1e6)}`;
    const s = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: { ...submitter(unitCode), unitRegionCode: '520100' },
      batchSize: 300,
      writers: usingMysql ? 2 : 1,
    });
    expect(s).toMatchObject({
      rows: exp.rows,
      created: exp.records,
      updated: exp.corrections,
      excluded: exp.notPunished,
      rejected: exp.rejectedRows.length,
    });
    expect(s.batches).toBeGreaterThanOrEqual(8);
    const db = h.records.app.services.db;
    expect(await checkTallies(db)).toEqual([]);

    // One change per record created (its corrections in the file are folded into its creation).
    const records = await db
      .getRepository(RecordEntity)
      .find({ select: { id: true, version: true }, where: { sourceUnitCode: unitCode } });
    expect(records).toHaveLength(exp.records);
    const changes = new Map<string, { kind: string; version: number }>();
    for (const row of await db.getRepository(RecordChangeOutboxEntity).find({ select: { payload: true } })) {
      const payload = JSON.parse(row.payload) as { changes: { recordId: string; kind: string; version: number }[] };
      for (const c of payload.changes) changes.set(c.recordId, c);
    }
    for (const r of records) expect(changes.get(r.id)).toMatchObject({ kind: 'ADDED_LATE', version: r.version });
  });

  it('leaves nothing of a batch that fails half-way, and keeps the batches written before it', async () => {
    const dir = h.records.env.DATA_DIR!;
    const file = join(dir, 'fails.csv');
    const unitCode = `GZ-FAIL${Math.floor(Math.random() * 1e6)}`;
    await writeSampleCsv(file, { rows: 2_500, domainCode: 'D07', tag: unitCode });
    const real = load.bulkLoad;
    let calls = 0;
    // The second batch's records are written, then its revisions fail: the transaction must undo the records.
    const spy = jest.spyOn(load, 'bulkLoad').mockImplementation(async (manager, target, rows) => {
      if (target === RevisionEntity && ++calls === 2) throw new Error('disk full (test)');
      return real(manager, target, rows as never[]);
    });
    try {
      await expect(
        importRecords(h.records.app.services.submissions, {
          file,
          format: 'csv',
          submitter: submitter(unitCode),
          batchSize: 1_000,
        }),
      ).rejects.toThrow('disk full (test)');
    } finally {
      spy.mockRestore();
    }
    const ds = h.records.app.dataSource;
    const records = await ds
      .getRepository(RecordEntity)
      .find({ select: { id: true, decisionNumber: true }, where: { sourceUnitCode: unitCode } });
    expect(records).toHaveLength(1_000);
    expect(records.every((r) => Number(/〕(\d+)号$/.exec(r.decisionNumber)![1]) <= 1_000)).toBe(true);
    const logs = await ds.getRepository(SubmissionEntity).findBy({ sourceUnitCode: unitCode });
    expect(logs).toHaveLength(1);
    expect(await ds.getRepository(RevisionEntity).countBy({ batchId: In(logs.map((l) => l.id)) })).toBe(1_000);
    expect(await ds.getRepository(AuditEntry).countBy({ actor: `import:${unitCode}` })).toBe(1_000);

    // The file can simply be imported again: the written batch comes back unchanged, the rest is created.
    const again = await importRecords(h.records.app.services.submissions, {
      file,
      format: 'csv',
      submitter: submitter(unitCode),
    });
    expect(again).toMatchObject({ created: 1_500, unchanged: 1_000 });
  });

  it('keeps the API limit of 1,000 rows per call', async () => {
    const rows = Array.from({ length: MAX_SUBMISSION_ROWS + 1 }, () => recordInput());
    await expect(h.records.app.services.submissions.submit(submitter('GZ-D07'), rows as never)).rejects.toThrow(
      `at most ${MAX_SUBMISSION_ROWS} rows per call`,
    );
  });
});

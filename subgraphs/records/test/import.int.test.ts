import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { usingMysql } from '@credit/shared/test';
import { importRecords } from '../src/import/importer';
import { writeSampleCsv } from '../src/import/sampleCsv';
import { RecordEntity } from '../src/record/record.entity';
import { SubmissionEntity } from '../src/submission/submission.entity';
import { recordInput, startRecordsWithEntities } from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
beforeAll(async () => {
  h = await startRecordsWithEntities();
});
afterAll(() => h.stop());

const submitter = (unitCode: string) => ({ unitCode, unitDomains: new Set(['D07']), actor: `import:${unitCode}`, channel: 'IMPORT' as const });

describe(`bulk import on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('loads a 双公示 CSV in batches, writes a rejects file, and creates nothing new when re-run', async () => {
    const dir = h.records.env.DATA_DIR!;
    const file = join(dir, 'penalties.csv');
    const rejects = join(dir, 'rejects.csv');
    const unitCode = `GZ-IMP${Math.floor(Math.random() * 1e6)}`;
    await writeSampleCsv(file, { rows: 3_000, domainCode: 'D07', tag: unitCode, invalidEvery: 100 });
    const progress: number[] = [];
    const first = await importRecords(h.records.app.services.submissions, { file, format: 'csv', submitter: submitter(unitCode), rejectsFile: rejects, onProgress: (s) => progress.push(s.rows) });
    expect(first).toMatchObject({ rows: 3_000, created: 2_970, rejected: 30, unchanged: 0, batches: 3 });
    expect(progress).toEqual([1_000, 2_000, 3_000]);
    expect(first.rowsPerSecond).toBeGreaterThan(0);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(31);
    expect(lines[1]).toMatch(/^100,黔市监罚〔.+〕100号,"creditCode: BAD_CHECK_CHARACTER /);

    const records = h.records.app.dataSource.getRepository(RecordEntity);
    expect(await records.countBy({ sourceUnitCode: unitCode })).toBe(2_970);
    const again = await importRecords(h.records.app.services.submissions, { file, format: 'csv', submitter: submitter(unitCode) });
    expect(again).toMatchObject({ rows: 3_000, created: 0, unchanged: 2_970, rejected: 30 });
    expect(await records.countBy({ sourceUnitCode: unitCode })).toBe(2_970);
    expect(await h.records.app.dataSource.getRepository(SubmissionEntity).countBy({ sourceUnitCode: unitCode, channel: 'IMPORT' })).toBe(6);
    const sample = await records.findOneByOrFail({ sourceUnitCode: unitCode, decisionNumber: `黔市监罚〔${unitCode}〕10号` });
    expect(sample).toMatchObject({ confiscatedAmount: '1200.00', category: 'ADMINISTRATIVE_PENALTY', penaltyTypes: '警告;罚款' });
  });

  it('imports JSON Lines and rejects lines that are not JSON objects', async () => {
    const dir = h.records.env.DATA_DIR!;
    const file = join(dir, 'records.jsonl');
    const rejects = join(dir, 'rejects.jsonl.csv');
    const unitCode = `GZ-JL${Math.floor(Math.random() * 1e6)}`;
    writeFileSync(file, [JSON.stringify(recordInput()), 'not json', JSON.stringify({ ...recordInput(), 处罚决定日期: '2019/12/31', decisionDate: undefined }), ''].join('\n'));
    const s = await importRecords(h.records.app.services.submissions, { file, format: 'jsonl', submitter: submitter(unitCode), rejectsFile: rejects });
    expect(s).toMatchObject({ rows: 3, created: 1, rejected: 2 });
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[1]).toMatch(/^2,,"?line: not a JSON object/);
    expect(lines[2]).toContain('DATE_BEFORE_2020');
  });
});

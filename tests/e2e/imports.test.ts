import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tokenFor, usingMysql } from '@credit/shared/test';
import { writeNationalExport } from '../../subgraphs/records/src/import/nationalExport';
import { SAMPLE_HEADERS } from '../../subgraphs/records/src/import/sampleCsv';
import { penaltyRow } from './fixtures/penaltyRow';
import { RecordEntity } from '../../subgraphs/records/src/record/record.entity';
import { RevisionEntity } from '../../subgraphs/records/src/record/revision.entity';
import { declareHugeSheet } from '../../subgraphs/records/test/workbookBomb';
import { entities, records, registerSourceUnits, startPlatform, type Platform } from '../platform';

// A unit's file through the gateway (POST /imports), imported by the records subgraph's importer as a job.
let p: Platform;
let origin: string;
let unit: string;
let other: string;
const dir = mkdtempSync(join(tmpdir(), 'imports-e2e-'));
const LIMIT = 8_000_000;

beforeAll(async () => {
  p = await startPlatform([entities, records], { SEED_DEMO: 'false', IMPORT_MAX_BYTES: String(LIMIT) });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  await registerSourceUnits(p, ['GZ-D07', 'GZ-520100-D07']);
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  other = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] });
}, 120_000);
afterAll(() => p?.stop());

interface Job {
  id: string;
  status: string;
  total: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: number;
  error: { code: string; message: string } | null;
  rejectsUrl: string | null;
  rejectedRows: { line: number; reasons: { field: string; code: string; text: string }[] }[];
}

async function upload(name: string, body: Buffer, token = unit): Promise<Response> {
  return fetch(`${origin}/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
}

/** Uploads and polls the job as the page does, until it is over. */
async function importFile(name: string, body: Buffer): Promise<Job> {
  const res = await upload(name, body);
  expect(res.status).toBe(202);
  let job = (await res.json()) as Job;
  expect(res.headers.get('location')).toBe(`/imports/${job.id}`);
  while (job.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 100));
    const poll = await fetch(`${origin}/imports/${job.id}`, { headers: { authorization: `Bearer ${unit}` } });
    expect(poll.status).toBe(200);
    job = (await poll.json()) as Job;
  }
  return job;
}

const revisions = () => p.subgraphs.records.app.dataSource.getRepository(RevisionEntity).count();

describe(`uploads through the gateway (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it('imports a GB18030 CSV whose repeats lie further apart than a batch, and an identical re-upload changes nothing', async () => {
    const tag = `UP${Date.now()}`;
    const file = join(dir, 'big.csv');
    // 10,050 rows as WPS writes them on Chinese Windows (GB18030, CRLF); row 2 comes back unchanged
    // and row 3 corrected after the last one, 10,050 rows further down: beyond the 10,000-row batch.
    const exp = await writeNationalExport(file, { rows: 10_050, flavour: 'csv-gb18030', tag, messy: false });
    // GB18030 never uses the bytes of comma, CR or LF inside a character: lines and fields split as bytes.
    const [header, first, second, ...rest] = readFileSync(file).toString('latin1').trimEnd().split(/\r?\n/);
    const cells = second.split(',');
    cells[14] = `${cells[14]}1`; // 罚款金额(万元): 0.3 -> 0.31
    const corrected = cells.join(',');
    const gb = Buffer.from([header, first, second, ...rest, first, corrected].join('\r\n') + '\r\n', 'latin1');
    expect(new TextDecoder('gb18030').decode(gb)).toContain('罚款金额');

    const job = await importFile('双公示.csv', gb);
    expect(job).toMatchObject({
      status: 'DONE',
      total: 10_052,
      rows: 10_052,
      created: exp.records,
      updated: 1,
      unchanged: 1,
      rejected: 0,
      error: null,
      rejectsUrl: null,
    });
    expect(exp.records).toBe(10_050);
    const stored = await p.subgraphs.records.app.dataSource
      .getRepository(RecordEntity)
      .findOneByOrFail({ sourceUnitCode: 'GZ-D07', decisionNumber: `筑市监罚〔${tag}〕2号` });
    // The correction further down won: 0.31 万元.
    expect(stored.fineAmount).toBe(`${Math.round(Number(cells[14]) * 10_000)}.00`);

    const before = await revisions();
    const again = await importFile('双公示.csv', gb);
    expect(again).toMatchObject({ status: 'DONE', created: 0, updated: 0, unchanged: 10_052, rejected: 0 });
    expect(await revisions()).toBe(before);
  }, 300_000);

  it('excludes a 处罚类别 其他 + 处罚内容 依法不予行政处罚 row as LAWFULLY_NOT_PUNISHED, as the API and the CLI do', async () => {
    const tag = `NP${Date.now()}`;
    const line = (n: number, types: string, content: string, fine: string) =>
      penaltyRow(`黔市监罚〔${tag}〕${n}号`, { 9: '《行政处罚法》第三十三条', 10: types, 11: content, 12: fine });
    const csv = [
      SAMPLE_HEADERS.join(','),
      line(1, '其他', '依法不予行政处罚', ''),
      line(2, '其他', '经研究，决定不予行政处罚', ''),
      // Punishes part: a record.
      line(3, '其他', '对甲不予处罚，对乙罚款5000元', '5000'),
    ].join('\r\n');
    const job = await importFile('non-punishment.csv', Buffer.from(`\uFEFF${csv}\r\n`));
    expect(job).toMatchObject({ status: 'DONE', created: 1, excluded: 2, rejected: 0 });
    const stored = await p.subgraphs.records.app.dataSource
      .getRepository(RecordEntity)
      .findBy({ sourceUnitCode: 'GZ-D07', decidingAuthorityCode: '11520100MB1234567P', facts: '发布虚假广告' });
    expect(stored.filter((r) => r.decisionNumber.includes(tag)).map((r) => r.decisionNumber)).toEqual([
      `黔市监罚〔${tag}〕3号`,
    ]);
  });

  it('writes a rejects file with the source columns, Chinese reasons and escaped formulas; the fixed file imports', async () => {
    const tag = `RJ${Date.now()}`;
    const good = '91520100210000754L';
    const bad = '91520100210000754X';
    const row = (n: number, code: string, fine: string, facts = '发布虚假广告') =>
      [
        `黔市监罚〔${tag}〕${n}号`,
        '行政处罚',
        '否',
        'D07',
        '贵阳乌江医药有限公司',
        '法人及非法人组织',
        code,
        '虚假宣传',
        facts,
        '《广告法》第五十五条',
        '罚款',
        '罚款5000元',
        fine,
        '',
        '2025-03-01',
        '',
        '贵州省市场监督管理局',
        '11520100MB1234567P',
        '520100',
        '',
      ].join(',');
    const csv = [
      SAMPLE_HEADERS.join(','),
      // A quoted line break inside a cell is part of the cell, not a new row.
      row(1, good, '5000', '"经查，当事人\n发布虚假广告"'),
      row(2, bad, '5000', '=HYPERLINK("http://x";"y")'.replace(/"/g, '""').replace(/^/, '"') + '"'),
      row(3, good, '-5000'),
    ].join('\r\n');
    const job = await importFile('rejects-test.csv', Buffer.from(`\uFEFF${csv}\r\n`));
    expect(job).toMatchObject({ status: 'DONE', created: 1, rejected: 2, rejectsUrl: `/imports/${job.id}/rejects` });
    expect(job.rejectedRows.map((r) => [r.line, r.reasons.map((x) => x.code)])).toEqual([
      [3, ['BAD_CHECK_CHARACTER']],
      [4, ['NEGATIVE_AMOUNT']],
    ]);

    const res = await fetch(`${origin}${job.rejectsUrl}`, { headers: { authorization: `Bearer ${unit}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(['行号', '原因', '原因代码', ...SAMPLE_HEADERS].join(','));
    expect(lines[1]).toMatch(
      /^3,统一社会信用代码\/证件号码：校验位不正确，请核对代码（填写的是“91520100210000754X”）,creditCode:BAD_CHECK_CHARACTER,/,
    );
    // The formula is text in the rejects file: a leading apostrophe, as the assessment export writes it.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(lines[2]).toMatch(/^4,罚款金额：金额不能为负数（填写的是“-5000”）,fineAmount:NEGATIVE_AMOUNT,.*,'-5000,/);

    // The unit fixes the code of row 3 and sends the rejects file back as it is.
    const fixed = bytes.toString('utf8').replaceAll(bad, good);
    const again = await importFile('rejects-test-fixed.csv', Buffer.from(fixed));
    expect(again).toMatchObject({ status: 'DONE', created: 1, rejected: 1 });
    expect(again.rejectedRows).toEqual([{ line: 3, reasons: [expect.objectContaining({ code: 'NEGATIVE_AMOUNT' })] }]);
    const stored = await p.subgraphs.records.app.dataSource
      .getRepository(RecordEntity)
      .findOneByOrFail({ sourceUnitCode: 'GZ-D07', decisionNumber: `黔市监罚〔${tag}〕2号` });
    // The escape is undone on the way back in: the facts are what the unit wrote.
    expect(stored.facts).toBe('=HYPERLINK("http://x";"y")');
  });

  it('gives a workbook a workbook of rejects', async () => {
    const tag = `XL${Date.now()}`;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('行政处罚');
    sheet.addRow([
      '行政处罚决定书文号',
      '行政相对人名称',
      '统一社会信用代码',
      '违法事实',
      '处罚依据',
      '处罚类别',
      '处罚内容',
      '处罚决定日期',
      '处罚机关',
      '处罚机关统一社会信用代码',
    ]);
    sheet.addRow([
      `黔市监罚〔${tag}〕1号`,
      '某公司',
      '91520100210000754L',
      '事实',
      '依据',
      '罚款',
      '罚款1000元',
      '2019-12-31',
      '贵州省市场监督管理局',
      '11520100MB1234567P',
    ]);
    const job = await importFile('penalties.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(job).toMatchObject({ status: 'DONE', rejected: 1 });
    const res = await fetch(`${origin}${job.rejectsUrl}`, { headers: { authorization: `Bearer ${unit}` } });
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const rows = back.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0].slice(1, 5)).toEqual(['行号', '原因', '原因代码', '行政处罚决定书文号']);
    expect(rows[1][1]).toBe('2');
    expect(String(rows[1][2])).toContain('处罚决定日期：早于 2020 年 1 月 1 日');
    expect(rows[1][4]).toBe(`黔市监罚〔${tag}〕1号`);
  });

  it('rejects rows it cannot read (invalid UTF-8, a 70 KiB cell) without touching the stored decision, and refuses a workbook bomb', async () => {
    const tag = `EN${Date.now()}`;
    const row = (n: number, facts: string) => penaltyRow(`黔市监罚〔${tag}〕${n}号`, { 8: facts });
    const first = await importFile(
      'encoding.csv',
      Buffer.from(
        `\uFEFF${[SAMPLE_HEADERS.join(','), row(1, '发布虚假广告'), row(2, '发布虚假广告')].join('\r\n')}\r\n`,
      ),
    );
    expect(first).toMatchObject({ status: 'DONE', created: 2 });
    // Row 1 corrected with bytes no UTF-8 text holds; row 2 with a cell past the 64 Ki-character limit.
    const [head, tail] = row(1, '\0').split('\0');
    const bytes = Buffer.concat([
      Buffer.from(`\uFEFF${SAMPLE_HEADERS.join(',')}\r\n${head}`),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(`，当事人${tail}\r\n${row(2, '查'.repeat(70 * 1024))}\r\n`),
    ]);
    const job = await importFile('encoding.csv', bytes);
    expect(job).toMatchObject({ status: 'DONE', created: 0, updated: 0, rejected: 2 });
    expect(job.rejectedRows.map((r) => [r.line, r.reasons.map((x) => `${x.field}:${x.code}`)])).toEqual([
      [2, ['facts:ENCODING_INVALID']],
      [3, ['facts:FIELD_TOO_LONG']],
    ]);
    const stored = await p.subgraphs.records.app.dataSource
      .getRepository(RecordEntity)
      .findOneByOrFail({ sourceUnitCode: 'GZ-D07', decisionNumber: `黔市监罚〔${tag}〕1号` });
    expect(stored.facts).toBe('发布虚假广告');
    const res = await fetch(`${origin}${job.rejectsUrl}`, { headers: { authorization: `Bearer ${unit}` } });
    const lines = (await res.text()).split('\r\n');
    expect(lines[1]).toMatch(/^2,违法事实：含有不符合 UTF-8 编码的字节，读出来会是乱码.*,facts:ENCODING_INVALID,/);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('行政处罚').addRows([SAMPLE_HEADERS, row(3, '事实').split(',')]);
    const bomb = await importFile('bomb.xlsx', declareHugeSheet(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(bomb).toMatchObject({ status: 'FAILED', created: 0, error: { code: 'BAD_USER_INPUT' } });
    expect(bomb.error!.message).toMatch(/^the workbook unzips to \d+ MiB, more than the 256 MiB an import reads/);
  });

  it('lets only the uploading unit read its job, only source units upload, and refuses a file over IMPORT_MAX_BYTES', async () => {
    const job = await importFile('small.csv', Buffer.from('行政处罚决定书文号,行政相对人名称\r\n'));
    expect(job.status).toBe('DONE');
    const foreign = await fetch(`${origin}/imports/${job.id}`, { headers: { authorization: `Bearer ${other}` } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect((await fetch(`${origin}/imports/${job.id}`)).status).toBe(401);

    const subject = await tokenFor({ role: 'SUBJECT', creditCode: '91520100210000754L' });
    const refused = await upload('x.csv', Buffer.from('a'), subject);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');

    const xls = await upload('old.xls', Buffer.from('x'));
    expect(xls.status).toBe(400);
    expect(((await xls.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });

    const noHeader = await importFile('no-number.csv', Buffer.from('行政相对人名称\r\n某公司\r\n'));
    expect(noHeader).toMatchObject({ status: 'FAILED', error: { code: 'BAD_USER_INPUT' } });
    expect(noHeader.error!.message).toContain('决定书文号');

    const big = Buffer.alloc(LIMIT + 1, 0x41);
    const declared = await upload('big.csv', big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as any).errors[0].extensions).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      field: 'file',
    });
    // Without a Content-Length the gateway counts while streaming.
    const streamed = await fetch(`${origin}/imports?name=big.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${unit}` },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 9; i++) c.enqueue(new Uint8Array(1_000_000));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});

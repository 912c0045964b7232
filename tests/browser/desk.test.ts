import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { CORRECTABLE_RECORD_FIELDS } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import type { ObjectionsApp } from '@credit/objections';
import { RevisionEntity } from '../../subgraphs/records/src/record/revision.entity';
import type { Platform } from '../platform';
import {
  checkAccessibility,
  checkPage,
  expectReadable,
  fitsPhone,
  onMysql,
  openPage as openPageOf,
  shoot,
  signIn as signInAs,
  useConsolePlatform,
} from './support';

// The source unit's desk in Chromium: the summary, objections beside their records with the full
// correction form, revocation and repair, the 双公示 upload and the unit's last imports with rejects.
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const location: any;

const root = resolve(__dirname, '../..');
if (onMysql) console.log('tests/browser/desk: skipped on the MariaDB pass (the console only talks to the gateway)');

// The upload test runs the import command on a database of its own against this platform's entities:
// one platform id for both, as an operator sets it for a split deployment.
const run = useConsolePlatform({ PLATFORM_ID: 'browser-test-platform' });
let p: Platform;
let origin: string;
beforeAll(() => {
  p = run.p;
  origin = run.origin;
});

const openPage = (width = 1280) => openPageOf(run, width);
const signIn = (page: Page, optionText: RegExp, path?: string) => signInAs(run, page, optionText, path);
const drain = () => (p.subgraphs.objections.app as ObjectionsApp).drainOutbox();
const SUBJECT = '91520100210000754L';

/** A subject objects to one of its D07 records through the API and the lead department accepts it. */
async function acceptedObjection(reason: string) {
  const owner = await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT });
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const recs = await gql(
    p.gatewayUrl,
    `query($c: String!) { subject(creditCode: $c) { records(first: 50, domains: ["D07"]) { edges { node { id underObjection status sourceUnitCode } } } } }`,
    { c: SUBJECT },
    owner,
  );
  const recordId: string = recs.data!.subject.records.edges.find(
    (e: any) =>
      !e.node.underObjection &&
      e.node.status === 'EFFECTIVE' &&
      ['GZ-D07', 'GZ-520100-D07'].includes(e.node.sourceUnitCode),
  ).node.id;
  const filed = await gql(
    p.gatewayUrl,
    `mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id number } }`,
    { i: { recordId, reason } },
    owner,
  );
  const { id, number } = filed.data!.fileObjection as { id: string; number: string };
  const accepted = await gql(
    p.gatewayUrl,
    `mutation($id: ID!) { acceptObjection(id: $id) { unitCode } }`,
    { id },
    lead,
  );
  // The objection goes to the unit that submitted the record (a prefecture's or the province's).
  return { id, number, recordId, unitCode: accepted.data!.acceptObjection.unitCode as string, owner, lead };
}

const RECORD = `query($id: ID!) { violationRecord(id: $id) { status fineAmount penaltyContent facts repaired repairBasis revokeReason } }`;

(onMysql ? describe.skip : describe)('the source unit desk in Chromium', () => {
  it('reviews an objection beside its record and upholds it with the full correction form; repairs the record', async () => {
    const { id, number, recordId, unitCode, owner, lead } = await acceptedObjection('处罚内容有误（浏览器测试）');
    const page = await openPage();
    await signIn(page, new RegExp(`（${unitCode}）`));
    await page.waitForURL(`${origin}/desk`);
    // The summary counts it and lists it among what is due.
    await page
      .getByTestId('due')
      .getByRole('link', { name: `异议 ${number}` })
      .waitFor();
    expect(Number(await page.getByTestId('kpi-objections').textContent())).toBeGreaterThanOrEqual(1);

    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '异议办理' }).click();
    await page.waitForURL(`${origin}/desk/objections`);
    const item = page.getByTestId('desk-objection').filter({ hasText: number });
    await item.getByText('办理期限').waitFor();
    await expectReadable(page);
    await checkPage(page);
    await item.getByRole('link', { name: number }).click();
    await page.waitForURL(`${origin}/desk/objections/${number}`);
    await page.getByRole('button', { name: '开始核查' }).click();
    const form = page.getByTestId('correction-form');
    await form.waitFor();
    // Every content field a correction may change (the record field table's correctable rows, 法定代表人
    // included since it was added there), prefilled with the record's value.
    expect(await form.locator('input, select, textarea').count()).toBe(CORRECTABLE_RECORD_FIELDS.length);
    await form.getByLabel('法定代表人').waitFor();
    await expect(form.getByLabel('罚款金额（元）').inputValue()).resolves.toMatch(/^\d+\.\d{2}$/);
    await page.getByLabel('处理说明（告知申请人）').fill('经核查罚款金额及违法事实录入错误，已更正');
    await form.getByLabel('罚款金额（元）').fill('500.00');
    await form.getByLabel('处罚内容').fill('罚款500元');
    await form.getByLabel('违法事实').fill('销售的药品标签不符合规定（经核查更正）');
    await expectReadable(page);
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'desk-objection');
    const resolving = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('DeskResolve'),
    );
    await page.getByRole('button', { name: '提交办理结果' }).click();
    // Only the fields changed are sent.
    const sent = JSON.parse((await resolving).request().postData()!).variables.input;
    expect(sent).toMatchObject({
      outcome: 'UPHELD',
      correction: {
        action: 'CORRECT',
        changes: { fineAmount: '500.00', penaltyContent: '罚款500元', facts: '销售的药品标签不符合规定（经核查更正）' },
      },
    });
    expect(Object.keys(sent.correction.changes).sort()).toEqual(['facts', 'fineAmount', 'penaltyContent']);
    await page.getByRole('heading', { level: 1 }).getByText('异议成立').waitFor();
    await drain();
    const corrected = await gql(
      p.gatewayUrl,
      `query($id: ID!) { objection(id: $id) { status correction { action applied } } }`,
      { id },
      lead,
    );
    expect(corrected.data!.objection).toMatchObject({
      status: 'UPHELD',
      correction: { action: 'CORRECT', applied: true },
    });
    const record = (await gql(p.gatewayUrl, RECORD, { id: recordId }, owner)).data!.violationRecord;
    expect(record).toMatchObject({
      fineAmount: '500.00',
      penaltyContent: '罚款500元',
      facts: '销售的药品标签不符合规定（经核查更正）',
      status: 'EFFECTIVE',
    });

    // A reload keeps the page (a deep link); the decided objection shows what it did; the record is repaired.
    await page.reload();
    await page
      .getByTestId('correction')
      .getByText(/罚款金额（元）：500\.00/)
      .waitFor();
    await page.getByTestId('record-facts').locator('[data-field=fineAmount]').getByText('500.00').waitFor();
    await page.getByRole('button', { name: '标注信用修复' }).click();
    await page.getByLabel('修复依据（文书名称及文号）').fill('信用修复决定书 黔信修〔2026〕1号');
    await page.getByRole('button', { name: '确认修复' }).click();
    await page.getByTestId('record-facts').getByText('已修复', { exact: true }).first().waitFor();
    await expectReadable(page);
    await checkPage(page);
    expect((await gql(p.gatewayUrl, RECORD, { id: recordId }, owner)).data!.violationRecord).toMatchObject({
      status: 'REPAIRED',
      repaired: true,
      repairBasis: '信用修复决定书 黔信修〔2026〕1号',
    });
    // Back returns to the list.
    await page.goBack();
    await page.waitForURL(`${origin}/desk/objections`);
    await page.close();
  });

  it('revokes a record through an upheld objection', async () => {
    const { id, number, recordId, unitCode, owner, lead } =
      await acceptedObjection('该处罚决定已被复议撤销（浏览器测试）');
    const page = await openPage();
    // A deep link opened signed out: the page after signing in.
    await signIn(page, new RegExp(`（${unitCode}）`), `/desk/objections/${number}`);
    await page.waitForURL(`${origin}/desk/objections/${number}`);
    await page.getByRole('button', { name: '开始核查' }).click();
    await page.getByLabel('处理说明（告知申请人）').fill('处罚决定已被行政复议撤销，记录予以撤销');
    await page.getByLabel('撤销记录（决定已撤销或不应归集）').check();
    await page.getByTestId('correction-form').waitFor({ state: 'detached' });
    await page.getByLabel('变更理由（记入记录历史）').fill('行政复议决定书 黔府复决〔2026〕9号 撤销原处罚决定');
    await checkPage(page);
    await page.getByRole('button', { name: '提交办理结果' }).click();
    await page.getByRole('heading', { level: 1 }).getByText('异议成立').waitFor();
    await drain();
    const decided = await gql(
      p.gatewayUrl,
      `query($id: ID!) { objection(id: $id) { status correction { action applied } } }`,
      { id },
      lead,
    );
    expect(decided.data!.objection).toMatchObject({
      status: 'UPHELD',
      correction: { action: 'REVOKE', applied: true },
    });
    expect((await gql(p.gatewayUrl, RECORD, { id: recordId }, owner)).data!.violationRecord).toMatchObject({
      status: 'REVOKED',
      revokeReason: expect.stringContaining('黔府复决〔2026〕9号'),
    });
    await page.reload();
    await page.getByTestId('record-facts').getByText('已撤销').first().waitFor();
    // Nothing more to do to a revoked record.
    expect(await page.getByRole('button', { name: '撤销记录' }).count()).toBe(0);
    await expectReadable(page);
    await page.close();
  });

  it('uploads a 双公示 file with verdicts and rejects, and lists the unit’s last imports with their rejects', async () => {
    const unitCode = 'GZ-D07';
    const page = await openPage();
    await signIn(page, new RegExp(`（${unitCode}）`));
    await page.waitForURL(`${origin}/desk`);
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '上传文件' }).click();
    await page.waitForURL(`${origin}/desk/upload`);
    const csv = [
      '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,处罚机关统一社会信用代码',
      '贵阳乌江医药有限公司,法人及非法人组织,91520100210000754L,黔市监罚〔2025〕6001号,虚假宣传,发布虚假广告,《广告法》第五十五条,罚款,罚款5000元,0.5,2025/03/01,贵州省市场监督管理局,11520100MB1234567P',
      '贵阳乌江医药有限公司,法人及非法人组织,91520100210000754L,黔市监罚〔2025〕6002号,虚假宣传,发布虚假广告,《广告法》第五十五条,罚款,罚款3000元,0.3,2025/04/01,贵州省市场监督管理局,11520100MB1234567P',
      '某公司,法人及非法人组织,91520100BADCODE00,黔市监罚〔2025〕6003号,虚假宣传,发布虚假广告,《广告法》第五十五条,罚款,罚款1000元,0.1,2025/05/01,贵州省市场监督管理局,11520100MB1234567P',
    ].join('\r\n');
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]);
    const uploadFile = async (name: string, mimeType: string, buffer: Buffer) => {
      await page.getByLabel('选择文件').setInputFiles({ name, mimeType, buffer });
      await page.getByRole('button', { name: '上传并归集' }).click();
      await page.getByText('归集完成').waitFor();
    };
    await uploadFile('penalties.csv', 'text/csv', file);
    await expect(page.getByTestId('upload-summary').textContent()).resolves.toBe('新增 2 行，退回 1 行');
    await expect(page.locator('#upload-progress').getAttribute('value')).resolves.toBe('3');
    const rejectedRow = page.getByTestId('verdicts').locator('tr.row-bad');
    await expect(rejectedRow.textContent()).resolves.toMatch(/^4统一社会信用代码\/证件号码：/);
    await expectReadable(page);
    await checkPage(page);
    await shoot(page, 'desk-upload');
    const [rejects] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载退回行/ }).click(),
    ]);
    const consoleRejects = readFileSync(await rejects.path(), 'utf8');
    expect(consoleRejects.startsWith('\uFEFF行号,原因,原因代码,行政相对人名称,')).toBe(true);
    expect(consoleRejects).toContain('6003号');
    expect(consoleRejects).not.toContain('6001号');

    // The command-line importer reads the same file as the upload did: the same verdicts, the same rejects file.
    const dir = mkdtempSync(join(tmpdir(), 'desk-cli-'));
    writeFileSync(join(dir, 'penalties.csv'), file);
    // Asynchronously: the platform it calls (entities) runs in this process.
    const { stdout: cli } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'subgraphs/records/dist/import/importCli.js'),
        ...['--unit', unitCode, '--file', join(dir, 'penalties.csv'), '--rejects', join(dir, 'rejects.csv')],
      ],
      // A database of its own: the platform's already holds the upload.
      {
        env: { ...process.env, ...p.env, DB_URL: '', DATA_DIR: dir, ENTITIES_URL: p.subgraphs.entities.url },
        encoding: 'utf8',
      },
    );
    expect(cli).toMatch(/created {4}2\n {2}updated {4}0\n {2}unchanged {2}0\n {2}excluded {3}0\n {2}rejected {3}1/);
    expect(readFileSync(join(dir, 'rejects.csv'), 'utf8')).toBe(consoleRejects);

    // The same file again: nothing changes, no revision is written.
    const revisions = () => p.subgraphs.records.app.dataSource.getRepository(RevisionEntity).count();
    const before = await revisions();
    await uploadFile('penalties.csv', 'text/csv', file);
    await expect(page.getByTestId('upload-summary').textContent()).resolves.toBe('未变化 2 行，退回 1 行');
    expect(await revisions()).toBe(before);

    // The same national columns as an Excel workbook.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('行政处罚');
    const rows = csv.split('\r\n').map((l) => l.split(','));
    sheet.addRow(rows[0]);
    sheet.addRow(rows[1].map((v, i) => (i === 3 ? '黔市监罚〔2025〕6004号' : v)));
    await uploadFile(
      'penalties.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    await expect(page.getByTestId('upload-summary').textContent()).resolves.toBe('新增 1 行');

    // The unit's last imports, newest first, each with its verdicts; the rejects shown and downloaded again.
    await page.getByRole('link', { name: '导入记录' }).first().click();
    await page.waitForURL(`${origin}/desk/imports`);
    const jobs = page.getByTestId('import-job');
    await jobs.first().waitFor();
    expect(await jobs.locator('strong').allTextContents()).toEqual([
      'penalties.xlsx',
      'penalties.csv',
      'penalties.csv',
    ]);
    await expect(jobs.nth(0).textContent()).resolves.toContain('新增 1 行');
    await expect(jobs.nth(1).textContent()).resolves.toContain('未变化 2 行，退回 1 行');
    await expect(jobs.nth(2).textContent()).resolves.toContain('新增 2 行，退回 1 行');
    expect(await jobs.nth(0).getByRole('button').count()).toBe(0);
    await jobs.nth(2).getByRole('button', { name: '查看退回行（1）' }).click();
    await expect(jobs.nth(2).getByTestId('verdicts').locator('tr.row-bad').textContent()).resolves.toMatch(/^4/);
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      jobs
        .nth(2)
        .getByRole('button', { name: /下载退回行/ })
        .click(),
    ]);
    expect(readFileSync(await again.path(), 'utf8')).toBe(consoleRejects);
    await expectReadable(page);
    await checkPage(page);
    await shoot(page, 'desk-imports');

    // 0.5 万元 in the file is 5000 元 in the record.
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: SUBJECT });
    const stored = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { records(first: 100) { edges { node { decisionNumber fineAmount } } } } }`,
      { c: SUBJECT },
      owner,
    );
    const byNumber = new Map(
      stored.data!.subject.records.edges.map((e: any) => [e.node.decisionNumber, e.node.fineAmount]),
    );
    expect(byNumber.get('黔市监罚〔2025〕6001号')).toBe('5000.00');
    expect(byNumber.get('黔市监罚〔2025〕6004号')).toBe('5000.00');

    // The summary: the last upload and the unit's quality.
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '工作台' }).click();
    await page.waitForURL(`${origin}/desk`);
    await expect(page.getByTestId('last-import').textContent()).resolves.toContain('penalties.xlsx');
    await page.getByTestId('quality').waitFor();
    await expectReadable(page);
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'desk');
    await fitsPhone(page);
    await shoot(page, 'desk-phone');
    expect(await page.evaluate(() => location.pathname)).toBe('/desk');
    await page.close();
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { gql, tokenFor } from '@credit/shared/test';
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

// The console in a real browser (Debian's chromium, driven by playwright-core) against the in-process
// platform with demo data, served by the gateway from console/dist as `pnpm start` serves it.
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const document: any;

const root = resolve(__dirname, '../..');
if (onMysql) console.log('tests/browser: skipped on the MariaDB pass (the console only talks to the gateway)');

// The desk test runs the import command on a database of its own against this platform's entities:
// one platform id for both, as an operator sets it for a split deployment.
const run = useConsolePlatform({ PLATFORM_ID: 'browser-test-platform' });
let p: Platform;
let origin: string;
beforeAll(() => {
  p = run.p;
  origin = run.origin;
});

const openPage = (width = 1280) => openPageOf(run, width);
const signIn = (page: Page, optionText: RegExp) => signInAs(run, page, optionText);

(onMysql ? describe.skip : describe)('the web console in Chromium', () => {
  it('landing page and the offline GraphiQL IDE', async () => {
    const page = await openPage();
    await page.goto(`${origin}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('一份信用报告');
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'landing');
    await page.getByRole('link', { name: /GraphQL 调试工具/ }).click();
    await page.waitForSelector('.graphiql-container');
    await page.waitForSelector('.monaco-editor');
    await page
      .getByRole('button', { name: /Execute query|执行/i })
      .first()
      .click();
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('nameZh'));
    await shoot(page, 'graphiql');
    await page.close();
  });

  it('complaints: a subject files 应替未替 in the portal, the lead department forwards it from the dashboard', async () => {
    const page = await openPage();
    await signInAs(run, page, /贵阳乌江医药/, '/portal/complaints');
    const form = page.locator('section', { has: page.getByRole('heading', { name: '咨询投诉' }) });
    await form.getByLabel('类型').selectOption('CERTIFICATE_STILL_DEMANDED');
    await form.getByLabel('仍要求提供证明的单位').fill('某县公共资源交易中心（浏览器测试）');
    await form.getByLabel('办理事项').selectOption('BID-CONSTRUCTION');
    await form.getByLabel('情况说明').fill('投标时仍要求提供无违法违规证明，不接受信用报告');
    await form.getByRole('button', { name: '提交咨询投诉' }).click();
    const receipt = await form.getByText(/已提交，编号 \S+/).textContent();
    const number = /编号 (\S+)/.exec(receipt!)![1];
    const mine = page.getByTestId('feedback').filter({ hasText: number });
    await expect(mine.textContent()).resolves.toContain('已提交');
    await expect(mine.textContent()).resolves.toContain('某县公共资源交易中心（浏览器测试）');
    await checkAccessibility(page);
    await checkPage(page);
    await page.close();

    const lead = await openPage();
    await signIn(lead, /省信用主管部门/);
    const waiting = lead.getByTestId('to-forward').locator('li').filter({ hasText: number });
    await waiting.waitFor();
    const states = lead.getByTestId('chart-complaint-states');
    await states.getByText(/数据表/).click();
    const submitted = states.locator('tbody tr').filter({ hasText: '已提交' });
    // Columns: 咨询, 应替未替投诉, 服务投诉 — the new complaint is among the submitted 应替未替 ones.
    expect(Number(await submitted.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    await lead.getByTestId('overdue-feedback').waitFor();
    await waiting.getByLabel('主管单位代码').fill('GZ-D07');
    await waiting.getByRole('button', { name: `转主管单位 ${number}` }).click();
    await waiting.waitFor({ state: 'detached' });
    await lead.close();

    const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const cases = await gql(
      p.gatewayUrl,
      `{ feedbacks(first: 100, filter: { kind: CERTIFICATE_STILL_DEMANDED }) { edges { node { number status unitCode matterCode } } } }`,
      {},
      token,
    );
    const forwarded = cases.data!.feedbacks.edges.find((e: any) => e.node.number === number).node;
    expect(forwarded).toEqual({ number, status: 'FORWARDED', unitCode: 'GZ-D07', matterCode: 'BID-CONSTRUCTION' });
  });

  it('source-unit desk: review and resolve an objection with a correction, upload a 双公示 file with verdicts', async () => {
    // Set-up through the API: a subject objects to a GZ-D07 record and the lead department accepts it.
    const subject = { role: 'SUBJECT' as const, creditCode: '91520100210000754L' };
    const owner = await tokenFor(subject);
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const recs = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { records(first: 50, domains: ["D07"]) { edges { node { id underObjection sourceUnitCode } } } } }`,
      { c: subject.creditCode },
      owner,
    );
    const recordId = recs.data!.subject.records.edges.find(
      (e: any) => !e.node.underObjection && ['GZ-D07', 'GZ-520100-D07'].includes(e.node.sourceUnitCode),
    ).node.id;
    const filed = await gql(
      p.gatewayUrl,
      `mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id number } }`,
      { i: { recordId, reason: '处罚内容有误（浏览器测试）' } },
      owner,
    );
    const { id, number } = filed.data!.fileObjection;
    const accepted = await gql(
      p.gatewayUrl,
      `mutation($id: ID!) { acceptObjection(id: $id) { unitCode } }`,
      { id },
      lead,
    );
    // The objection goes to the unit that submitted the record (a prefecture's or the province's).
    const unitCode: string = accepted.data!.acceptObjection.unitCode;

    const page = await openPage();
    await signIn(page, new RegExp(`（${unitCode}）`));
    const item = page.getByTestId('desk-objection').filter({ hasText: number });
    await item.getByRole('button', { name: `开始核查 ${number}` }).click();
    await item.getByRole('button', { name: `办理 ${number}` }).click();
    await item.getByLabel('处理说明').fill('经核查罚款金额录入错误，已更正');
    await item.getByLabel('更正后罚款金额（元）').fill('500.00');
    await item.getByLabel('更正后处罚内容').fill('罚款500元');
    await item.getByRole('button', { name: '提交办理结果' }).click();
    await item.getByText('异议成立', { exact: true }).first().waitFor();

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

    await page.getByTestId('quality').waitFor();
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'desk');
    await fitsPhone(page);
    await shoot(page, 'desk-phone');
    await page.close();

    const corrected = await gql(
      p.gatewayUrl,
      `query($id: ID!) { objection(id: $id) { status correction { action } } }`,
      { id },
      lead,
    );
    expect(corrected.data!.objection).toMatchObject({ status: 'UPHELD', correction: { action: 'CORRECT' } });
    // 0.5 万元 in the file is 5000 元 in the record.
    const stored = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { records(first: 100) { edges { node { decisionNumber fineAmount } } } } }`,
      { c: subject.creditCode },
      owner,
    );
    const byNumber = new Map(
      stored.data!.subject.records.edges.map((e: any) => [e.node.decisionNumber, e.node.fineAmount]),
    );
    expect(byNumber.get('黔市监罚〔2025〕6001号')).toBe('5000.00');
    expect(byNumber.get('黔市监罚〔2025〕6004号')).toBe('5000.00');
  });

  it('oversight dashboard: charts with their tables, accepting an objection; aggregates only for analysts', async () => {
    // A subject files an objection through the API; the lead department accepts it on the page.
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: '91520100210000754L' });
    const recs = await gql(
      p.gatewayUrl,
      `{ subject(creditCode: "91520100210000754L") { records(first: 50) { edges { node { id underObjection } } } } }`,
      {},
      owner,
    );
    const recordId = recs.data!.subject.records.edges.find((e: any) => !e.node.underObjection).node.id;
    const filed = await gql(
      p.gatewayUrl,
      `mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id number } }`,
      { i: { recordId, reason: '记录主体有误（看板测试）' } },
      owner,
    );
    const { id, number } = filed.data!.fileObjection;

    const page = await openPage();
    await signIn(page, /省信用主管部门/);
    await page.getByTestId('chart-domain').locator('canvas').waitFor();
    const records = Number(await page.getByTestId('kpi-records').textContent());
    expect(records).toBeGreaterThan(0);
    const domainChart = page.getByTestId('chart-domain');
    await domainChart.getByText(/数据表/).click();
    const rows = await domainChart.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(1);
    // The table's numbers add up to the headline figure.
    const sum = (await domainChart.locator('tbody tr td:nth-child(2)').allTextContents()).reduce(
      (a, b) => a + Number(b),
      0,
    );
    expect(sum).toBe(records);
    await page.getByTestId('chart-timeliness').locator('canvas').waitFor();
    await page.getByTestId('overdue').waitFor();
    await page.getByTestId('warnings').waitFor();
    await page.getByRole('button', { name: `受理并转办 ${number}` }).click();
    await page.getByRole('button', { name: `受理并转办 ${number}` }).waitFor({ state: 'detached' });
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const accepted = await gql(p.gatewayUrl, `query($id: ID!) { objection(id: $id) { status } }`, { id }, lead);
    expect(accepted.data!.objection.status).toBe('FORWARDED');
    // The quarter's assessment, and its workbook fetched with the token.
    await page.getByTestId('assessment').locator('tbody tr').first().waitFor();
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载评估表（XLSX）' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toMatch(/^assessment-\d{4}Q[1-4]\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await workbook.path());
    expect(book.worksheets.length).toBeGreaterThan(0);
    const firstUnit = await page.getByTestId('assessment').locator('tbody tr').first().locator('th').textContent();
    const cells: string[] = [];
    book.worksheets.forEach((ws) => ws.eachRow((row) => cells.push(String(row.values))));
    expect(cells.some((c) => c.includes(firstUnit!))).toBe(true);
    await page.getByTestId('chart-complaint-kinds').waitFor();
    // The lead department is warned when fewer than 60 days of the working-day calendar are known (issue 28).
    const coverage = (await gql(p.gatewayUrl, '{ workingCalendarCoverage { short knownThrough } }', {}, lead)).data!
      .workingCalendarCoverage;
    expect(await page.getByTestId('calendar-banner').count()).toBe(coverage.short ? 1 : 0);
    if (coverage.short && coverage.knownThrough)
      expect(await page.getByTestId('calendar-banner').textContent()).toContain(coverage.knownThrough);
    // A period ending after today is counted to today, and the page says so (one period rule, issue 28).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.locator('#d-to').fill(`${Number(today.slice(0, 4)) + 1}-06-30`);
    await expect(page.getByTestId('effective-period').textContent()).resolves.toContain(`至 ${today}`);
    await page.locator('#d-to').fill(today);
    await page.getByTestId('effective-period').waitFor({ state: 'detached' });
    await expectReadable(page);
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'dashboard');
    await fitsPhone(page);
    await shoot(page, 'dashboard-phone');
    await page.close();

    const analyst = await openPage();
    await signIn(analyst, /统计分析人员/);
    await analyst.getByTestId('chart-domain').locator('canvas').waitFor();
    await analyst.getByText('仅可查看汇总数据').waitFor();
    expect(await analyst.getByTestId('overdue').count()).toBe(0);
    expect(await analyst.getByTestId('warnings').count()).toBe(0);
    expect(await analyst.getByTestId('pending').count()).toBe(0);
    // Complaints as the quarter's counts by kind and the assessment; never a case, and no refusal shown.
    await analyst.getByTestId('chart-complaint-kinds').waitFor();
    await analyst.getByTestId('assessment').locator('tbody tr').first().waitFor();
    expect(await analyst.getByTestId('chart-complaint-states').count()).toBe(0);
    expect(await analyst.getByTestId('overdue-feedback').count()).toBe(0);
    expect(await analyst.getByTestId('to-forward').count()).toBe(0);
    expect(await analyst.locator('.notice-error').count()).toBe(0);
    await analyst.close();
  });
});

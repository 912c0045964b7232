import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { chinaDate } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
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

// The lead department's and the analyst's oversight pages in Chromium, and the 应替未替 loop: an
// anonymous complaint, forwarded by the lead department, answered by the unit on its desk, closed
// with feedback to the filer.
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const document: any;
declare const getComputedStyle: any;

if (onMysql)
  console.log('tests/browser/oversight: skipped on the MariaDB pass (the console only talks to the gateway)');

const run = useConsolePlatform();
let p: Platform;
let origin: string;
beforeAll(() => {
  p = run.p;
  origin = run.origin;
});

const openPage = (width = 1280) => openPageOf(run, width);
const signIn = (page: Page, optionText: RegExp, path?: string) => signInAs(run, page, optionText, path);
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name, exact: true }).click();

/** Files a case without a token, as the public page does; the number and access code come back. */
async function fileAnonymously(input: Record<string, unknown>) {
  const r = await gql(
    p.gatewayUrl,
    `mutation($i: FileFeedbackInput!) { fileFeedback(input: $i) { accessCode feedback { number } } }`,
    { i: { contact: { name: '李女士', phone: '13900000000' }, ...input } },
  );
  expect(r.errors).toBeUndefined();
  return {
    number: r.data!.fileFeedback.feedback.number as string,
    accessCode: r.data!.fileFeedback.accessCode as string,
  };
}

const readCase = (number: string, accessCode: string) =>
  gql(
    p.gatewayUrl,
    `query($n: String!, $c: String!) { feedbackCase(number: $n, accessCode: $c) { status unitCode unitReply rectified answer dismissalReason timeline { action } } }`,
    { n: number, c: accessCode },
  ).then((r) => r.data!.feedbackCase);

(onMysql ? describe.skip : describe)('the oversight pages in Chromium', () => {
  it('oversight pages: KPIs, charts with their tables, quality, accepting an objection, the assessment; aggregates only for analysts', async () => {
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
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });

    const page = await openPage();
    await signIn(page, /省信用主管部门/);
    await page.waitForURL(`${origin}/oversight`);
    const records = Number(await page.getByTestId('kpi-records').textContent());
    expect(records).toBeGreaterThan(0);
    // The lead department is warned when fewer than 60 days of the working-day calendar are known (issue 28).
    const coverage = (await gql(p.gatewayUrl, '{ workingCalendarCoverage { short knownThrough } }', {}, lead)).data!
      .workingCalendarCoverage;
    await page.getByTestId('kpi-overdue-objections').waitFor();
    expect(await page.getByTestId('calendar-banner').count()).toBe(coverage.short ? 1 : 0);
    if (coverage.short && coverage.knownThrough)
      expect(await page.getByTestId('calendar-banner').textContent()).toContain(coverage.knownThrough);
    // A period ending after today is counted to today, and the page says so (one period rule, issue 28).
    const today = chinaDate();
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
    await page.setViewportSize({ width: 1280, height: 900 });

    // The period travels with the link to the charts.
    await page.getByRole('link', { name: '统计图表' }).last().click();
    await page.waitForURL(/\/oversight\/statistics\?to=\d{4}-\d{2}-\d{2}$/);
    await page.getByTestId('chart-domain').locator('canvas').waitFor();
    const domainChart = page.getByTestId('chart-domain');
    await domainChart.getByText(/数据表/).click();
    expect(await domainChart.locator('tbody tr').count()).toBeGreaterThan(1);
    // The table's numbers add up to the headline figure.
    const sum = (await domainChart.locator('tbody tr td:nth-child(2)').allTextContents()).reduce(
      (a, b) => a + Number(b),
      0,
    );
    expect(sum).toBe(records);
    await expectReadable(page);
    await checkPage(page);
    await shoot(page, 'oversight-statistics');

    await nav(page, '归集质量');
    await page.getByTestId('chart-timeliness').locator('canvas').waitFor();
    await page.getByTestId('warnings').waitFor();
    await expectReadable(page);
    await checkPage(page);

    await nav(page, '异议受理');
    await page.getByTestId('overdue').waitFor();
    await expectReadable(page);
    await checkPage(page);
    await page.getByRole('button', { name: `受理并转办 ${number}` }).click();
    await page.getByRole('button', { name: `受理并转办 ${number}` }).waitFor({ state: 'detached' });
    const accepted = await gql(p.gatewayUrl, `query($id: ID!) { objection(id: $id) { status } }`, { id }, lead);
    expect(accepted.data!.objection.status).toBe('FORWARDED');

    // The quarter's assessment, and its workbook fetched with the token.
    await nav(page, '季度评估');
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
    await expectReadable(page);
    await checkPage(page);
    // At 390 px each unit's name stays on one line; the table scrolls in its box instead.
    await fitsPhone(page);
    const lines = await page.evaluate(() =>
      (Array.from(document.querySelectorAll('[data-testid=assessment] tbody th')) as any[]).map((th) => {
        const s = getComputedStyle(th);
        const line = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.5;
        const inner = th.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
        return Math.round(inner / line);
      }),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((n: number) => n === 1)).toBe(true);
    await shoot(page, 'oversight-assessment-phone');
    await page.close();

    const analyst = await openPage();
    await signIn(analyst, /统计分析人员/);
    await analyst.waitForURL(`${origin}/oversight`);
    await analyst.getByText('仅可查看汇总数据').waitFor();
    await analyst.getByTestId('kpi-records').waitFor();
    // Aggregates only: no unit-level quality, no objection or complaint case in the navigation.
    const links = await analyst.getByRole('navigation', { name: '工作台导航' }).getByRole('link').allTextContents();
    expect(links).toEqual(['监测', '统计图表', '季度评估']);
    await expectReadable(analyst);
    await checkPage(analyst);
    await nav(analyst, '统计图表');
    await analyst.getByTestId('chart-domain').locator('canvas').waitFor();
    await checkPage(analyst);
    await nav(analyst, '季度评估');
    await analyst.getByTestId('chart-complaint-kinds').waitFor();
    await analyst.getByTestId('assessment').locator('tbody tr').first().waitFor();
    expect(await analyst.locator('.notice-error').count()).toBe(0);
    await checkPage(analyst);
    // A case page opened by address is refused without asking the API.
    await analyst.goto(`${origin}/oversight/complaints`);
    await analyst.getByText('当前身份不能打开此页面').waitFor();
    expect(await analyst.getByTestId('chart-complaint-states').count()).toBe(0);
    await analyst.close();
  });
  it('the 应替未替 loop: filed anonymously, forwarded by the lead department, replied by the unit, closed with feedback', async () => {
    const { number, accessCode } = await fileAnonymously({
      kind: 'CERTIFICATE_STILL_DEMANDED',
      content: '办理投标时某县公共资源交易中心仍要求提供无违法违规证明，不接受信用报告（浏览器测试）',
      office: { name: '某县公共资源交易中心（浏览器测试）', supervisingUnitCode: 'GZ-D07' },
      matterCode: 'BID-CONSTRUCTION',
      demandedOn: chinaDate(),
    });

    const lead = await openPage();
    await signIn(lead, /省信用主管部门/);
    await lead.waitForURL(`${origin}/oversight`);
    await nav(lead, '咨询投诉');
    await lead.waitForURL(`${origin}/oversight/complaints`);
    const states = lead.getByTestId('chart-complaint-states');
    await states.getByText(/数据表/).click();
    const submitted = states.locator('tbody tr').filter({ hasText: '已提交' });
    // Columns: 咨询, 应替未替投诉, 服务投诉 — the new complaint is among the submitted 应替未替 ones.
    expect(Number(await submitted.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    await lead.getByLabel('状态', { exact: true }).selectOption('SUBMITTED');
    await lead.waitForURL(`${origin}/oversight/complaints?status=SUBMITTED`);
    const listed = lead.getByTestId('complaint').filter({ hasText: number });
    await listed.getByText('期限').waitFor();
    await expect(listed.textContent()).resolves.toContain('匿名');
    await expectReadable(lead);
    await checkPage(lead);
    await listed.getByRole('link', { name: number }).click();
    await lead.waitForURL(`${origin}/oversight/complaints/${number}`);
    const facts = lead.getByTestId('complaint-case');
    await expect(facts.textContent()).resolves.toContain('某县公共资源交易中心（浏览器测试）');
    // The unit the filer named is proposed.
    await expect(lead.getByLabel('转交主管单位').inputValue()).resolves.toBe('GZ-D07');
    await checkPage(lead);
    await lead.getByRole('button', { name: '转主管单位' }).click();
    await lead.getByRole('heading', { level: 1 }).getByText('已转主管单位').waitFor();
    expect(await readCase(number, accessCode)).toMatchObject({ status: 'FORWARDED', unitCode: 'GZ-D07' });

    const unit = await openPage();
    await signIn(unit, /（GZ-D07）/);
    await unit.waitForURL(`${origin}/desk`);
    // The desk's summary lists it among what is due.
    await unit
      .getByTestId('due')
      .getByRole('link', { name: `投诉 ${number}` })
      .waitFor();
    expect(Number(await unit.getByTestId('kpi-complaints').textContent())).toBeGreaterThanOrEqual(1);
    await nav(unit, '转办投诉');
    await unit.waitForURL(`${origin}/desk/complaints`);
    const mine = unit.getByTestId('desk-complaint').filter({ hasText: number });
    await mine.getByText('回复期限').waitFor();
    await expectReadable(unit);
    await checkPage(unit);
    await mine.getByLabel('核查及整改情况').fill('已约谈该交易中心，自即日起接受专项信用报告，不再要求无违法违规证明');
    await mine.getByRole('button', { name: `回复 ${number}` }).click();
    await mine.getByText('主管单位已回复').waitFor();
    await mine.getByText('本单位回复：已约谈该交易中心').waitFor();
    await shoot(unit, 'desk-complaints');
    await unit.close();
    expect(await readCase(number, accessCode)).toMatchObject({ status: 'UNIT_REPLIED', rectified: true });

    await lead.reload();
    await lead
      .getByTestId('unit-reply')
      .getByText(/已约谈该交易中心.*（已整改）/)
      .waitFor();
    await lead
      .getByLabel('向提交人反馈的内容')
      .fill('经主管单位督促，该交易中心已改为接受专项信用报告。感谢您的反映。');
    await lead.getByRole('button', { name: '办结并反馈' }).click();
    await lead.getByRole('heading', { level: 1 }).getByText('已办结').waitFor();
    // Filing, forwarding, the unit's reply and the closing, in order.
    expect(await lead.getByTestId('timeline').locator('li').count()).toBe(4);
    await expectReadable(lead);
    await checkAccessibility(lead);
    await checkPage(lead);
    await shoot(lead, 'oversight-complaint');
    await lead.close();
    expect(await readCase(number, accessCode)).toMatchObject({
      status: 'CLOSED',
      answer: '经主管单位督促，该交易中心已改为接受专项信用报告。感谢您的反映。',
      timeline: [{ action: 'FILE' }, { action: 'FORWARD' }, { action: 'UNIT_REPLY' }, { action: 'CLOSE' }],
    });
  });

  it('the lead department answers a consultation and dismisses a case it cannot take up', async () => {
    const question = await fileAnonymously({
      kind: 'CONSULTATION',
      content: '信用报告可以用于异地投标吗？（浏览器测试）',
    });
    const other = await fileAnonymously({ kind: 'SERVICE_COMPLAINT', content: '与信用无关的投诉（浏览器测试）' });
    const lead = await openPage();
    await signIn(lead, /省信用主管部门/, `/oversight/complaints/${question.number}`);
    await lead.waitForURL(`${origin}/oversight/complaints/${question.number}`);
    await lead.getByLabel('答复内容（告知提交人）').fill('可以。专项信用报告全国通用，报告使用方可扫码核验。');
    await lead.getByRole('button', { name: '答复', exact: true }).click();
    await lead.getByRole('heading', { level: 1 }).getByText('已答复').waitFor();
    expect(await readCase(question.number, question.accessCode)).toMatchObject({
      status: 'ANSWERED',
      answer: '可以。专项信用报告全国通用，报告使用方可扫码核验。',
    });
    await lead.goto(`${origin}/oversight/complaints/${other.number}`);
    await lead.getByLabel('不予受理的理由').fill('不属于信用报告服务范围，请向有关部门反映');
    await lead.getByRole('button', { name: '不予受理' }).click();
    await lead.getByRole('heading', { level: 1 }).getByText('不予受理').waitFor();
    await expectReadable(lead);
    await checkPage(lead);
    expect(await readCase(other.number, other.accessCode)).toMatchObject({
      status: 'DISMISSED',
      dismissalReason: '不属于信用报告服务范围，请向有关部门反映',
    });
    await lead.close();
  });
});

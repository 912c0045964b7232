import type { Page } from 'playwright-core';
import { makeCreditCode } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { checkPage, expectReadable, onMysql, openPage, shoot, signIn, useConsolePlatform } from './support';

// The lead department's administration screens (/admin/…) in Chromium against the demo platform:
// every page passes axe-core and the 390 px check, and each register or catalogue change made in the
// console shows up in that page's history (and, for a revoked report, in the public verification).
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const document: any;

if (onMysql) console.log('tests/browser/admin: skipped on the MariaDB pass (the console only talks to the gateway)');

const run = useConsolePlatform();
const DEMO_SUBJECT = '91520100210000754L';
const tag = `${process.pid % 1000}${Date.now() % 1000}`;

// Path, the page's heading and its label in the role's navigation.
const PAGES = [
  ['/admin/units', '数据来源单位名录', '单位名录'],
  ['/admin/domains', '适用领域目录', '领域目录'],
  ['/admin/substitution', '替代事项目录', '替代事项'],
  ['/admin/guides', '办事指南', '办事指南'],
  ['/admin/calendar', '工作日安排', '工作日安排'],
  ['/admin/commitments', '信用承诺', '信用承诺'],
  ['/admin/reports', '撤销报告', '撤销报告'],
] as const;

async function asLead(path: string, landing = path): Promise<Page> {
  const page = await openPage(run);
  await signIn(run, page, /省信用主管部门/, path);
  await page.waitForURL(`**${landing}`);
  return page;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

(onMysql ? describe.skip : describe)('lead department administration in Chromium', () => {
  it('opens every admin page from the role navigation, each accessible and phone-ready', async () => {
    // /admin opens the register in place of itself.
    const page = await asLead('/admin', '/admin/units');
    const nav = page.getByRole('navigation', { name: '工作台导航' });
    for (const [path, title, label] of PAGES) {
      // Through the navigation, as a person goes: the router changes the page without a reload.
      await nav.getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL(`**${path}`);
      await heading(page, title);
      await expect(nav.getByRole('link', { name: label, exact: true }).getAttribute('aria-current')).resolves.toBe(
        'page',
      );
      // The page's data is in (no loading line left) before it is judged.
      await page.waitForFunction(() => !document.body.innerText.includes('正在读取'));
      await checkPage(page);
      await expectReadable(page);
    }
    // The browser's back button returns to the previous page.
    await page.goBack();
    await page.waitForURL('**/admin/commitments');
    await heading(page, '信用承诺');
    await nav.getByRole('link', { name: '单位名录', exact: true }).click();
    await page.getByTestId('unit-row').first().waitFor();
    await shoot(page, 'admin');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'admin-phone');
    await page.close();
  });

  it('registers a unit, changes and deactivates it, and the register history shows each step', async () => {
    const page = await asLead('/admin/units');
    const code = `GZ-T${tag}`;
    const form = page.getByRole('form', { name: '登记数据来源单位' });
    await form.getByLabel('单位编码').fill(code);
    await form.getByLabel('单位名称').fill('贵州省测试监督管理局');
    await form.getByLabel('统一社会信用代码').fill(makeCreditCode('11', '520000', 77_000_000 + Number(tag)));
    await form.getByLabel('市场监管', { exact: true }).check();
    await form.getByRole('button', { name: '登记' }).click();
    await expect(form.getByRole('status').textContent()).resolves.toContain(`已登记数据来源单位 ${code}`);

    // A bad credit code is refused in Chinese, naming the field.
    await form.getByLabel('单位编码').fill(`${code}-X`);
    await form.getByLabel('单位名称').fill('错误代码单位');
    await form.getByLabel('统一社会信用代码').fill('11520000ABCDEFGHIJ');
    await form.getByLabel('市场监管', { exact: true }).check();
    await form.getByRole('button', { name: '登记' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/^填写有误（统一社会信用代码）/);

    const row = page.getByTestId('unit-row').filter({ hasText: code });
    await row.getByRole('button', { name: `修改 ${code}` }).click();
    const edit = page.getByRole('form', { name: /^修改 / });
    await edit.getByLabel('单位名称').fill('贵州省测试监督管理局（更名）');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await expect(edit.getByRole('status').textContent()).resolves.toContain(`已修改数据来源单位 ${code}`);
    await row.getByText('贵州省测试监督管理局（更名）').waitFor();

    await row.getByRole('button', { name: `停用 ${code}` }).click();
    await row.getByText('已停用').waitFor();

    await page.getByLabel('单位', { exact: true }).selectOption(code);
    const history = page.getByTestId('unit-history').getByTestId('history-item');
    await history.nth(2).waitFor();
    await expect(history.count()).resolves.toBe(3);
    // Newest first; SQLite keeps audit times to the second, so acts within one second may come in either order.
    const items = await history.allTextContents();
    expect(items).toContainEqual(expect.stringMatching(new RegExp(`登记数据来源单位 ${code}`)));
    expect(items).toContainEqual(
      expect.stringMatching(new RegExp(`停用数据来源单位 ${code}（信用主管部门）变更项目：启用状态`)),
    );
    expect(items).toContainEqual(
      expect.stringMatching(new RegExp(`修改数据来源单位 ${code}（信用主管部门）变更项目：名称`)),
    );
    await checkPage(page);
    await expectReadable(page);
    await page.close();
  });

  it('adds a domain and deactivates it, and the catalogue history shows both', async () => {
    const page = await asLead('/admin/domains');
    const code = `D${800 + (Number(tag) % 199)}`;
    await page.getByLabel('领域编码').fill(code);
    await page.getByLabel('中文名称').fill('测试领域');
    await page.getByLabel('英文名称（对接国家平台用）').fill('Test domain');
    await page.getByRole('button', { name: '新增领域' }).click();
    await page.getByText(`已新增领域“测试领域”（${code}）`).waitFor();
    const row = page.getByTestId('domain-row').filter({ hasText: code });
    await row.getByRole('button', { name: '停用 测试领域' }).click();
    await row.getByText('已停用').waitFor();
    const history = page.getByTestId('domain-history').getByTestId('history-item');
    await history.nth(1).waitFor();
    const items = await history.allTextContents();
    expect(items).toContainEqual(expect.stringContaining(`停用适用领域 测试领域（${code}）（信用主管部门）`));
    expect(items).toContainEqual(expect.stringContaining(`新增适用领域 测试领域（${code}）（信用主管部门）`));
    await expectReadable(page);
    const domains = await gql(run.p.gatewayUrl, '{ domains(includeInactive: true) { code active } }', {});
    expect(domains.data!.domains).toContainEqual({ code, active: false });
    await page.close();
  });

  it('changes a substitution matter with a reason and shows the change in its history', async () => {
    const page = await asLead('/admin/substitution');
    const matter = page.getByTestId('matter').filter({ hasText: '房屋建筑和市政基础设施工程施工招标投标' });
    await matter.getByRole('button', { name: /^修改/ }).click();
    const edit = page.getByRole('form', { name: /^修改事项/ });
    await edit.getByLabel('受理机构类型').fill('公共资源交易中心（省级）');
    await edit.getByLabel('修改原因（记入历史）').fill('机构改革后受理机构更名');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.getByText('变更已记入历史').waitFor();
    await matter.getByText('第 2 版').first().waitFor();
    await matter.getByText(/变更历史/).click();
    const latest = matter.getByTestId('history-item').first();
    await expect(latest.textContent()).resolves.toMatch(
      /第 2 版 · 修改.*原因：机构改革后受理机构更名.*受理机构类型：公共资源交易中心 → 公共资源交易中心（省级）/,
    );
    await expectReadable(page);
    await page.close();
  });

  it('updates a service guide and lists the new version in its history', async () => {
    const page = await asLead('/admin/guides');
    const guide = page.getByTestId('guide').filter({ has: page.getByRole('heading', { name: '政务服务窗口' }) });
    await guide.getByText('编辑指南').click();
    await guide.getByLabel('联系方式').fill('0851-12345（工作日 9:00-17:00）');
    await guide.getByRole('button', { name: '保存指南' }).click();
    await guide.getByText(/已更新“政务服务窗口”办事指南，版本 2/).waitFor();
    await guide.getByText('第 2 版 ·').waitFor();
    await guide.getByText('修改历史').click();
    await expect(guide.getByTestId('history-item').first().textContent()).resolves.toMatch(
      /更新为第 2 版.*修改项目：联系方式/,
    );
    await expectReadable(page);
    await page.close();
  });

  it('warns that next year is provisional until it is set, then keeps its version history', async () => {
    const page = await asLead('/admin/calendar');
    const next = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) + 1;
    const coverage = page.getByTestId('calendar-coverage');
    await expect(coverage.getByRole('alert').textContent()).resolves.toContain(`暂定 ${next} 年的节假日安排尚未设置`);
    await checkPage(page);
    await shoot(page, 'admin-calendar');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'admin-calendar-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel('年度', { exact: true }).fill(String(next));
    await page.getByLabel('依据通知').fill(`国办发明电〔${next - 1}〕9号`);
    await page.getByLabel(/^放假日期/).fill(`${next}-01-01\n${next}-10-01 ${next}-10-02`);
    await page.getByLabel(/^调休上班日期/).fill(`${next}-09-26`);
    await page.getByRole('button', { name: `保存 ${next} 年安排` }).click();
    await page.getByText(`已设置 ${next} 年工作日安排`).waitFor();
    await coverage.getByText(`${next} 年的节假日安排已设置`).waitFor();
    await expect(coverage.textContent()).resolves.not.toContain('暂定');

    await page.getByLabel('查看年度').selectOption(String(next));
    await page.getByTestId('calendar-history').getByText(`${next} 年第 1 版`).waitFor();
    const item = page.getByTestId('calendar-history').getByTestId('history-item').first();
    await expect(item.textContent()).resolves.toMatch(
      new RegExp(`${next} 年第 1 版.*信用主管部门.*依据：国办发明电〔${next - 1}〕9号；放假 3 天，调休上班 1 天`),
    );
    const cal = await gql(
      run.p.gatewayUrl,
      `{ workingCalendar(year: ${next}) { holidays version } }`,
      {},
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    );
    expect(cal.data!.workingCalendar).toEqual({
      holidays: [`${next}-01-01`, `${next}-10-01`, `${next}-10-02`],
      version: 1,
    });
    await page.close();
  });

  it('marks a commitment breached, then clears the breach', async () => {
    const subject = await tokenFor({ role: 'SUBJECT', creditCode: DEMO_SUBJECT });
    const statement = `本企业承诺在林业领域无违法违规行为（${tag}）`;
    const made = await gql(
      run.p.gatewayUrl,
      'mutation($s: String!) { makeCommitment(input: { domains: ["D33"], statement: $s }) { id } }',
      { s: statement },
      subject,
    );
    const id = made.data!.makeCommitment.id as string;
    const page = await asLead('/admin/commitments');
    const item = page.getByTestId('commitment').filter({ hasText: statement });
    await item.getByLabel('认定虚假承诺的理由').fill('林业部门查实存在违法行为');
    await item.getByRole('button', { name: '认定虚假承诺' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${DEMO_SUBJECT}：已认定为虚假承诺` })
      .waitFor();
    await item.getByText('认定虚假承诺：林业部门查实存在违法行为').waitFor();

    await page.getByLabel('显示').selectOption('BREACHED');
    await page.waitForURL('**/admin/commitments?status=BREACHED');
    await expect(page.getByTestId('commitment').filter({ hasText: statement }).count()).resolves.toBe(1);
    await checkPage(page);
    await expectReadable(page);

    const breached = page.getByTestId('commitment').filter({ hasText: statement });
    await breached.getByLabel('撤销认定的理由').fill('复核后认定有误');
    await breached.getByRole('button', { name: '撤销认定' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${DEMO_SUBJECT}：已撤销虚假承诺认定` })
      .waitFor();
    // No longer a standing breach: it leaves the list of breaches.
    await breached.waitFor({ state: 'detached' });
    const status = await gql(
      run.p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { commitments { id status clearReason } } }',
      { c: DEMO_SUBJECT },
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    );
    expect(status.data!.subject.commitments).toContainEqual({ id, status: 'ACTIVE', clearReason: '复核后认定有误' });
    await page.close();
  });

  it('revokes a report with a reason after confirming, and verification then says revoked', async () => {
    const subject = await tokenFor({ role: 'SUBJECT', creditCode: DEMO_SUBJECT });
    const issued = await gql(
      run.p.gatewayUrl,
      'mutation { issueReport(input: { scenario: FINANCING, channel: WEBSITE, domains: ["D07"] }) { number verificationCode } }',
      {},
      subject,
    );
    const { number, verificationCode } = issued.data!.issueReport as { number: string; verificationCode: string };
    const page = await asLead('/admin/reports');
    await page.getByLabel('报告编号').fill(number);
    await page.getByRole('button', { name: '查找' }).click();
    await page.waitForURL(`**/admin/reports?number=${number}`);
    await expect(page.getByTestId('report-status').textContent()).resolves.toBe('有效');
    await page.getByLabel(/^撤销理由/).fill('主体申请撤销：报告用途已变更');
    await page.getByRole('button', { name: '撤销报告…' }).click();

    // The second look: cancelling leaves the report as it was.
    const dialog = page.getByRole('dialog', { name: '确认撤销报告' });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('report-status').textContent()).resolves.toBe('有效');

    await page.getByRole('button', { name: '撤销报告…' }).click();
    await expect(dialog.textContent()).resolves.toContain('撤销理由：主体申请撤销：报告用途已变更');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await page.getByText(`报告 ${number} 已撤销`).waitFor();
    await expect(page.getByTestId('report-status').textContent()).resolves.toBe('已撤销');
    await expect(page.getByTestId('revocation-reason').textContent()).resolves.toBe('主体申请撤销：报告用途已变更');
    await checkPage(page);
    await expectReadable(page);

    // A reload of the deep link shows the same report, revoked.
    await page.reload();
    await expect(page.getByTestId('report-status').textContent()).resolves.toBe('已撤销');
    const verified = await gql(
      run.p.gatewayUrl,
      'query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { status current revocationReason } }',
      { n: number, c: verificationCode },
    );
    expect(verified.data!.verifyReport).toEqual({
      status: 'REVOKED',
      current: false,
      revocationReason: '主体申请撤销：报告用途已变更',
    });
    await page.close();
  });
});

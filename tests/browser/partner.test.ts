import { DEMO_SUBJECTS, chinaDate, addDays } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { formatReportNumber } from '../../subgraphs/reports/src/report/reportNumber';
import { checkPage, expectReadable, onMysql, openPage, shoot, signIn, useConsolePlatform } from './support';

// The report user's pages (issue 29 item 3) in Chromium against the demo platform.
if (onMysql) console.log('tests/browser/partner: skipped on the MariaDB pass (the console only talks to the gateway)');
const run = useConsolePlatform();
const subject = DEMO_SUBJECTS.ENTERPRISE;

async function issueReport(): Promise<{ number: string; verificationCode: string }> {
  const r = await gql(
    run.p.gatewayUrl,
    'mutation($i: IssueReportInput!) { issueReport(input: $i) { number verificationCode } }',
    { i: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] } },
    await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }),
  );
  expect(r.errors).toBeUndefined();
  return r.data!.issueReport;
}

(onMysql ? describe.skip : describe)('report user (partner) pages', () => {
  it('batch-verifies a pasted list: one good, one wrong code, one unknown number', async () => {
    const good = await issueReport();
    const other = await issueReport();
    const wrongCode = other.verificationCode === 'ABCDEFGH22' ? 'ABCDEFGH23' : 'ABCDEFGH22';
    const unknown = formatReportNumber('GZ', chinaDate().replaceAll('-', ''), 99_999);
    const page = await openPage(run);
    await signIn(run, page, /报告使用方/);
    await page.waitForURL(/\/partner$/);
    await page.getByRole('heading', { name: '报告核验', level: 1 }).waitFor();
    await checkPage(page);
    await expectReadable(page);

    // As pasted from a spreadsheet: tab-separated, a comma, blank lines.
    const list = [
      `${good.number}\t${good.verificationCode}`,
      '',
      `${other.number}, ${wrongCode}`,
      `${unknown} ${good.verificationCode}`,
    ];
    await page.getByLabel(/报告清单/).fill(list.join('\n'));
    await page.getByRole('button', { name: '批量核验' }).click();
    const rows = page.getByTestId('verify-results').locator('tbody tr');
    await rows.nth(2).waitFor();
    await expect(rows.count()).resolves.toBe(3);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim());
    expect((await cells(0)).slice(0, 3)).toEqual([good.number, '真实有效', subject.name]);
    expect((await cells(1)).slice(0, 3)).toEqual([other.number, '未找到（编号或核验码不符）', '—']);
    expect((await cells(2)).slice(0, 3)).toEqual([unknown, '未找到（编号或核验码不符）', '—']);
    await checkPage(page);
    await expectReadable(page);
    await shoot(page, 'partner');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'partner-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // One report alone, through the same API.
    await page.getByLabel('报告编号', { exact: true }).fill(good.number);
    await page.getByLabel('核验码', { exact: true }).fill(good.verificationCode);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByText('核验结果（共 1 份）').waitFor();
    await page.close();
  });

  it('reads an authorised report, recognises nothing untrusted, and subscribes to a report', async () => {
    const report = await issueReport();
    const grant = await gql(
      run.p.gatewayUrl,
      'mutation($n: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: "sc-credit", until: $u) { active } }',
      { n: report.number, u: addDays(chinaDate(), 30) },
      await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }),
    );
    expect(grant.data!.authorizeReportAccess.active).toBe(true);
    const page = await openPage(run);
    await signIn(run, page, /报告使用方/);
    await page.waitForURL(/\/partner$/);

    await page.getByRole('link', { name: '授权报告' }).click();
    await page.waitForURL(/\/partner\/reports$/);
    await page.getByLabel('报告编号', { exact: true }).fill(report.number);
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: `报告 ${report.number}` }).waitFor();
    await expect(page.getByText(subject.name).count()).resolves.toBeGreaterThan(0);
    await checkPage(page);
    await expectReadable(page);

    await page.getByRole('link', { name: '外省报告互认' }).click();
    await page.waitForURL(/\/partner\/recognition$/);
    const untrusted = JSON.stringify({ kid: 'nowhere-1', signature: 'AAAA', snapshot: '{}' });
    await page.getByLabel(/外省报告的签名文件/).fill(untrusted);
    await page.getByRole('button', { name: '核验并认可' }).click();
    await page.getByText(/未予认可/).waitFor();
    await checkPage(page);
    await expectReadable(page);

    await page.getByRole('link', { name: '订阅与推送' }).click();
    await page.waitForURL(/\/partner\/subscriptions$/);
    await page.getByText('尚无订阅。').waitFor();
    // Events are signed: a partner makes its key before it subscribes (the key is shown once).
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '生成新密钥' }).click();
    await expect(page.getByLabel(/^密钥（/).inputValue()).resolves.toMatch(/\S{16,}/);
    await page.getByLabel('报告编号', { exact: true }).fill(report.number);
    await page.getByLabel('核验码', { exact: true }).fill(report.verificationCode);
    await page.getByLabel(/回调地址/).fill('http://127.0.0.1:9/credit-hook');
    await page.getByRole('button', { name: '订阅', exact: true }).click();
    await page.locator('[role=status], [role=alert]').first().waitFor();
    expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
    await page.getByText(`已订阅报告 ${report.number} 的变化通知`).waitFor();
    const row = page.getByTestId('subscriptions').locator('tbody tr');
    await row.first().waitFor();
    expect((await row.first().locator('td').allTextContents()).map((t) => t.trim())).toEqual(
      expect.arrayContaining([report.number, 'http://127.0.0.1:9/credit-hook', '订阅中']),
    );
    const listed = await gql(
      run.p.gatewayUrl,
      '{ mySubscriptions { reportNumber active } }',
      {},
      await tokenFor({ role: 'PARTNER', partnerId: 'sc-credit', province: '510000' }),
    );
    expect(listed.data!.mySubscriptions).toEqual([{ reportNumber: report.number, active: true }]);
    await checkPage(page);
    await expectReadable(page);
    await page.close();
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { gql, tokenFor } from '@credit/shared/test';
import type { RecordsApp } from '@credit/records';
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

const run = useConsolePlatform();
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

  it('subject portal: history, issue a report, download the PDF, authorise a partner, object, access log', async () => {
    const page = await openPage();
    await signIn(page, /贵阳乌江医药/);
    await expect(page.getByTestId('subject-name').textContent()).resolves.toBe('贵阳乌江医药有限公司');
    await page.waitForSelector('[data-testid=record]');
    await expect(page.getByTestId('history-summary').textContent()).resolves.toMatch(/共 \d+ 条记录/);
    // Filtering by category narrows the list to that category.
    await page.getByLabel('信息类别').selectOption('ADMINISTRATIVE_PENALTY');
    await page.waitForFunction(() =>
      (Array.from(document.querySelectorAll('[data-testid=record] .muted')) as any[]).every((e) =>
        e.textContent?.includes('行政处罚'),
      ),
    );
    await page.getByLabel('信息类别').selectOption('');

    await page.getByLabel('使用场景').selectOption('BIDDING_PROCUREMENT');
    // A matter of the catalogue proposes its domains; the subject drops one and issues for the matter.
    const matter = await gql(p.gatewayUrl, `{ substitutionMatter(code: "BID-CONSTRUCTION") { name domainCodes } }`, {});
    const { name: matterName, domainCodes } = matter.data!.substitutionMatter as {
      name: string;
      domainCodes: string[];
    };
    await page.getByLabel(/办理事项/).selectOption({ label: matterName });
    await page.getByTestId('matter-proposal').waitFor();
    const selectedDomains = () =>
      page.evaluate(() =>
        (Array.from(document.querySelectorAll('#r-domains option')) as any[])
          .filter((o) => o.selected)
          .map((o) => o.value),
      );
    expect(await selectedDomains()).toEqual([...domainCodes].sort());
    const edited = domainCodes.slice(0, -1);
    await page.getByLabel(/查询领域/).selectOption(edited);
    const issuing = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('PortalIssueReport'),
    );
    await page.getByRole('button', { name: '出具报告' }).click();
    const response = await issuing;
    expect(JSON.parse(response.request().postData()!).variables.input).toMatchObject({
      matterCode: 'BID-CONSTRUCTION',
      domains: expect.arrayContaining(edited),
    });
    const issuedDomains = (await response.json()).data.issueReport.domains.map((d: { code: string }) => d.code);
    expect([...issuedDomains].sort()).toEqual([...edited].sort());
    const issued = await page.getByText(/报告 GZ\S+ 已出具/).textContent();
    const number = /报告 (GZ\S+) 已出具/.exec(issued!)![1];
    const report = page.getByTestId('report').filter({ hasText: number });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const pdf = await download.path();
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    await report.getByLabel('授权报告使用方（编号）').fill('sc-credit');
    await report.getByRole('button', { name: '授权查看明细' }).click();
    await report
      .getByText(/已授权 sc-credit/)
      .first()
      .waitFor();

    const first = page.getByTestId('record').first();
    const decision = (await first.locator('strong').first().textContent())!;
    await first.getByRole('button', { name: '对此记录提出异议' }).click();
    await page.getByLabel('异议理由').fill('罚款金额与决定书不一致');
    await page.getByRole('button', { name: '提交异议' }).click();
    const filed = page.getByTestId('objection').filter({ hasText: '罚款金额与决定书不一致' }).first();
    await filed.getByText('提交异议').first().waitFor();
    await expect(filed.textContent()).resolves.toContain('已提交');
    expect(decision).toBeTruthy();

    await page.getByTestId('access-log').locator('tbody tr').first().waitFor();
    await expectReadable(page);
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'portal');
    await fitsPhone(page);
    await shoot(page, 'portal-phone');
    await page.close();
  });

  it('subject portal: a report whose records changed shows the amber banner, the changes, and reissues in one click', async () => {
    const creditCode = '91520100210000754L';
    const subject = await tokenFor({ role: 'SUBJECT', creditCode });
    const issued = await gql(
      p.gatewayUrl,
      'mutation($i: IssueReportInput!) { issueReport(input: $i) { number } }',
      { i: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
      subject,
    );
    const number = issued.data!.issueReport.number as string;
    // A penalty decided inside the period, submitted after issuance (补报).
    const late = await gql(
      p.gatewayUrl,
      'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created results { reasons { field code } } } }',
      {
        r: [
          {
            decisionNumber: `筑市监罚〔2026〕B${Date.now() % 100000}号`,
            category: 'ADMINISTRATIVE_PENALTY',
            domainCode: 'D07',
            creditCode,
            subjectName: '贵阳乌江医药有限公司',
            violationType: '销售标签不符合规定的药品',
            facts: '销售标签不符合规定的药品',
            legalBasis: '《药品管理法》',
            penaltyTypes: ['罚款'],
            penaltyContent: '罚款8000元',
            fineAmount: '8000',
            decisionDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
            decidingAuthority: '贵阳市市场监督管理局',
            decidingAuthorityCode: '11520100MB1234567P',
            regionCode: '520100',
          },
        ],
      },
      await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }),
    );
    expect(late.data!.submitRecords).toMatchObject({ created: 1, results: [{ reasons: [] }] });
    await (p.subgraphs.records.app as RecordsApp).changeFeed.drain();

    const page = await openPage();
    await signIn(page, /贵阳乌江医药/);
    const report = page.getByTestId('report').filter({ hasText: number });
    const banner = report.getByTestId('records-changed');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(/报告真实，但出具后信用记录已有变化.*补报 1 项/);
    mkdirSync(join(root, 'artifacts/screenshots'), { recursive: true });
    await report.screenshot({ path: join(root, 'artifacts/screenshots/portal-changed.png') });
    await banner.getByRole('button', { name: '重新出具报告' }).click();
    const done = await report.getByText(/已重新出具报告 GZ[0-9A-Z]+/).textContent();
    const fresh = /已重新出具报告 (GZ[0-9A-Z]+)/.exec(done!)![1];
    const verify = await gql(
      p.gatewayUrl,
      'query($n: String!) { report(number: $n) { current supersedes recordCount } }',
      { n: fresh },
      subject,
    );
    expect(verify.data!.report).toMatchObject({ current: true, supersedes: number });
    expect(verify.data!.report.recordCount).toBeGreaterThan(0);
    await checkAccessibility(page);
    await checkPage(page);
    await page.close();
  });

  it('complaints: a subject files 应替未替 in the portal', async () => {
    const page = await openPage();
    await signIn(page, /贵阳乌江医药/);
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

    // The lead department forwards, the unit replies and the lead department closes it on the oversight
    // pages (tests/browser/oversight.test.ts).
    const token = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const cases = await gql(
      p.gatewayUrl,
      `{ feedbacks(first: 100, filter: { kind: CERTIFICATE_STILL_DEMANDED }) { edges { node { number status matterCode } } } }`,
      {},
      token,
    );
    const filed = cases.data!.feedbacks.edges.find((e: any) => e.node.number === number).node;
    expect(filed).toEqual({ number, status: 'SUBMITTED', matterCode: 'BID-CONSTRUCTION' });
  });
});

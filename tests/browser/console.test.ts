import { gql, tokenFor } from '@credit/shared/test';
import type { Platform } from '../platform';
import {
  checkAccessibility,
  checkPage,
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

if (onMysql) console.log('tests/browser: skipped on the MariaDB pass (the console only talks to the gateway)');

const run = useConsolePlatform();
let p: Platform;
let origin: string;
beforeAll(() => {
  p = run.p;
  origin = run.origin;
});

const openPage = (width = 1280) => openPageOf(run, width);

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

  it('complaints: a subject files 应替未替 in the portal', async () => {
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

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { gql, tokenFor } from '@credit/shared/test';
import type { RecordsApp } from '@credit/records';
import {
  checkAccessibility,
  checkPage,
  expectReadable,
  fileAnonymousComplaint,
  fitsPhone,
  onMysql,
  openPage as openPageOf,
  shoot,
  signIn as signInAs,
  useConsolePlatform,
} from './support';

// The subject portal (/portal/…) and the public pages (/public/…) in Chromium against the demo platform.
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const document: any;

const root = resolve(__dirname, '../..');
if (onMysql) console.log('tests/browser: skipped on the MariaDB pass (the console only talks to the gateway)');

const run = useConsolePlatform();
const CREDIT_CODE = '91520100210000754L';
const NAME = '贵阳乌江医药有限公司';
const openPage = (width = 1280) => openPageOf(run, width);
const signIn = (page: Page, path?: string) => signInAs(run, page, /贵阳乌江医药/, path);
const subjectToken = () => tokenFor({ role: 'SUBJECT', creditCode: CREDIT_CODE });
const unitToken = () => tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A D07 penalty of the demo subject, decided `age` days ago, as GZ-D07 submits it. */
const penalty = (decisionNumber: string, age: number) => ({
  decisionNumber,
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode: CREDIT_CODE,
  subjectName: NAME,
  violationType: '销售标签不符合规定的药品',
  facts: '销售标签不符合规定的药品',
  legalBasis: '《药品管理法》',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款8000元',
  fineAmount: '8000',
  decisionDate: daysAgo(age),
  decidingAuthority: '贵阳市市场监督管理局',
  decidingAuthorityCode: '11520100MB1234567P',
  regionCode: '520100',
});

async function submit(records: ReturnType<typeof penalty>[]) {
  const r = await gql(
    run.p.gatewayUrl,
    'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created results { reasons { field code } } } }',
    { r: records },
    await unitToken(),
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.submitRecords.created).toBe(records.length);
  await (run.p.subgraphs.records.app as RecordsApp).changeFeed.drain();
}

/** How many records the subject's five-year history holds, as the API counts them. */
async function recordCount(): Promise<number> {
  const r = await gql(
    run.p.gatewayUrl,
    'query($c: String!) { subject(creditCode: $c) { recordSummary { records } } }',
    { c: CREDIT_CODE },
    await subjectToken(),
  );
  return r.data!.subject.recordSummary.records as number;
}

const range = (page: Page) => page.getByTestId('pager-range').textContent();
const decisionNumbers = (page: Page) =>
  page.evaluate(() =>
    (Array.from(document.querySelectorAll('[data-testid=record] .record-head strong')) as any[]).map(
      (e) => e.textContent,
    ),
  );

(onMysql ? describe.skip : describe)('the subject portal and the public pages in Chromium', () => {
  it('subject portal: summary, history, issue a report, download the PDF, authorise a partner, object, access log', async () => {
    const page = await openPage();
    await signIn(page);
    await page.waitForURL(/\/portal$/);
    await expect(page.getByTestId('subject-name').textContent()).resolves.toBe(NAME);
    await expect(page.getByTestId('summary-history').textContent()).resolves.toMatch(/共 \d+ 条/);
    const nav = page.getByRole('navigation', { name: '工作台导航' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      '概览',
      '信用记录',
      '信用报告',
      '异议',
      '咨询投诉',
      '查看记录',
    ]);
    await expect(nav.getByRole('link', { name: '概览' }).getAttribute('aria-current')).resolves.toBe('page');
    await expectReadable(page);
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'portal');
    await fitsPhone(page);
    await shoot(page, 'portal-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await nav.getByRole('link', { name: '信用记录' }).click();
    await page.waitForURL(/\/portal\/history$/);
    await expect(nav.getByRole('link', { name: '概览' }).getAttribute('aria-current')).resolves.toBeNull();
    await page.waitForSelector('[data-testid=record]');
    await expect(page.getByTestId('history-summary').textContent()).resolves.toMatch(/共 \d+ 条记录/);
    // Filtering by category narrows the list to that category, and the address says so.
    await page.getByLabel('信息类别').selectOption('ADMINISTRATIVE_PENALTY');
    await page.waitForURL(/category=ADMINISTRATIVE_PENALTY/);
    await page.waitForFunction(() =>
      (Array.from(document.querySelectorAll('[data-testid=record] .muted')) as any[]).every((e) =>
        e.textContent?.includes('行政处罚'),
      ),
    );
    await page.getByLabel('信息类别').selectOption('');
    await expectReadable(page);
    await checkPage(page);

    const first = page.getByTestId('record').first();
    const decision = (await first.locator('strong').first().textContent())!;
    await first.getByRole('button', { name: '对此记录提出异议' }).click();
    await expect(page.getByRole('heading', { name: `提出异议：${decision}` }).isVisible()).resolves.toBe(true);
    await page.getByLabel('异议理由').fill('罚款金额与决定书不一致');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.waitForURL(/\/portal\/objections$/);
    const filed = page.getByTestId('objection').filter({ hasText: '罚款金额与决定书不一致' }).first();
    await filed.getByText('提交异议').first().waitFor();
    await expect(filed.textContent()).resolves.toContain('已提交');
    await expectReadable(page);
    await checkPage(page);

    await nav.getByRole('link', { name: '信用报告' }).click();
    await page.waitForURL(/\/portal\/reports$/);
    await page.getByLabel('使用场景').selectOption('BIDDING_PROCUREMENT');
    // A matter of the catalogue proposes its domains; the subject drops one and issues for the matter.
    const matter = await gql(
      run.p.gatewayUrl,
      `{ substitutionMatter(code: "BID-CONSTRUCTION") { name domainCodes } }`,
      {},
    );
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
    // Three years: no requirement is asked for.
    await expect(page.getByLabel(/报告使用方要求/).count()).resolves.toBe(0);
    const issuing = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('PortalIssueReport'),
    );
    await page.getByRole('button', { name: '出具报告', exact: true }).click();
    const response = await issuing;
    const input = JSON.parse(response.request().postData()!).variables.input;
    expect(input).toMatchObject({ matterCode: 'BID-CONSTRUCTION', domains: expect.arrayContaining(edited) });
    expect(input.requiredByReportUser).toBeUndefined();
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
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    await report.getByLabel('授权报告使用方（编号）').fill('sc-credit');
    await report.getByRole('button', { name: '授权查看明细' }).click();
    await report
      .getByText(/已授权 sc-credit/)
      .first()
      .waitFor();
    await expectReadable(page);
    await checkPage(page);

    await nav.getByRole('link', { name: '查看记录' }).click();
    await page.waitForURL(/\/portal\/access-log$/);
    await page.getByTestId('access-log').locator('tbody tr').first().waitFor();
    await page.getByLabel('查看者角色').selectOption('PARTNER');
    await page.waitForURL(/role=PARTNER/);
    await expectReadable(page);
    await checkPage(page);

    await nav.getByRole('link', { name: '咨询投诉' }).click();
    await page.waitForURL(/\/portal\/complaints$/);
    await page.getByRole('button', { name: '提交咨询投诉' }).waitFor();
    await expectReadable(page);
    await checkPage(page);
    await page.close();
  });

  it('subject portal: a report whose records changed shows the amber banner, the changes, and reissues in one click', async () => {
    const subject = await subjectToken();
    const issued = await gql(
      run.p.gatewayUrl,
      'mutation($i: IssueReportInput!) { issueReport(input: $i) { number } }',
      { i: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
      subject,
    );
    const number = issued.data!.issueReport.number as string;
    // A penalty decided inside the period, submitted after issuance (补报).
    await submit([penalty(`筑市监罚〔2026〕B${Date.now() % 100000}号`, 10)]);

    const page = await openPage();
    await signIn(page, '/portal/reports');
    await page.waitForURL(/\/portal\/reports$/);
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
      run.p.gatewayUrl,
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

  it('subject portal: the history pages past record 50; the page survives a reload and the back button walks the pages', async () => {
    // One record decided by 简易程序 and one repaired (已修复), newer than the rest of D07's first page.
    const stamp = Date.now() % 100000;
    const simplified = `筑市监罚〔2026〕S${stamp}号`;
    const repaired = `筑市监罚〔2026〕R${stamp}号`;
    await submit([
      {
        ...penalty(simplified, 20),
        simplifiedProcedure: true,
        penaltyTypes: ['警告'],
        penaltyContent: '警告',
        fineAmount: undefined,
      },
      penalty(repaired, 21),
    ] as ReturnType<typeof penalty>[]);
    const mine = await gql(
      run.p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { records(first: 10, domains: ["D07"]) { edges { node { id decisionNumber } } } } }',
      { c: CREDIT_CODE },
      await subjectToken(),
    );
    const repairedId = mine.data!.subject.records.edges.find(
      (e: { node: { decisionNumber: string } }) => e.node.decisionNumber === repaired,
    ).node.id;
    const repair = await gql(
      run.p.gatewayUrl,
      'mutation($id: ID!) { repairRecord(id: $id, basis: "信用修复决定书 黔信修〔2026〕1号") { status repaired } }',
      { id: repairedId },
      await unitToken(),
    );
    expect(repair.errors).toBeUndefined();
    expect(repair.data!.repairRecord).toEqual({ status: 'REPAIRED', repaired: true });
    // More than two pages of 50: the demo subject gets what it lacks from its unit, through the API.
    const lacking = 120 - (await recordCount());
    if (lacking > 0)
      await submit(Array.from({ length: lacking }, (_, i) => penalty(`筑市监罚〔2026〕P${stamp}-${i}号`, 30 + i * 5)));
    const total = await recordCount();
    expect(total).toBeGreaterThan(100);

    const page = await openPage();
    await signIn(page, '/portal/history');
    await page.waitForURL(/\/portal\/history$/);
    await expect(range(page)).resolves.toBe(`第 1–50 条，共 ${total} 条`);
    const firstPage = await decisionNumbers(page);
    expect(firstPage).toHaveLength(50);

    await page.getByRole('link', { name: '下一页' }).first().click();
    await page.waitForURL(/after=/);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=pager-range]')?.textContent?.startsWith('第 51'),
    );
    await expect(range(page)).resolves.toBe(`第 51–100 条，共 ${total} 条`);
    const secondPage = await decisionNumbers(page);
    expect(secondPage).toHaveLength(50);
    expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);
    await page.getByRole('link', { name: '下一页' }).first().click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=pager-range]')?.textContent?.startsWith('第 101'),
    );
    await expect(range(page)).resolves.toBe(`第 101–${total} 条，共 ${total} 条`);
    await expect(page.getByRole('link', { name: '下一页' }).count()).resolves.toBe(0);
    const thirdPage = await decisionNumbers(page);
    expect(thirdPage).toHaveLength(total - 100);
    // Every record once across the pages.
    expect(new Set([...firstPage, ...secondPage, ...thirdPage]).size).toBe(total);
    await expectReadable(page);
    await checkPage(page);
    await fitsPhone(page);
    await shoot(page, 'portal-history-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // A reload opens the same page (the cursors are in the address).
    const third = page.url();
    await page.reload();
    await page.waitForSelector('[data-testid=record]');
    expect(page.url()).toBe(third);
    await expect(range(page)).resolves.toBe(`第 101–${total} 条，共 ${total} 条`);
    expect(await decisionNumbers(page)).toEqual(thirdPage);

    // Back and forward walk the pages; 上一页 too.
    const pageStarting = (n: string) =>
      page.waitForFunction(
        (start) => document.querySelector('[data-testid=pager-range]')?.textContent?.startsWith(`第 ${start}–`),
        n,
      );
    await page.goBack();
    await pageStarting('51');
    expect(await decisionNumbers(page)).toEqual(secondPage);
    await page.goBack();
    await pageStarting('1');
    expect(await decisionNumbers(page)).toEqual(firstPage);
    await page.goForward();
    await pageStarting('51');
    expect(await decisionNumbers(page)).toEqual(secondPage);
    await page.getByRole('link', { name: '上一页' }).first().click();
    await pageStarting('1');
    expect(await decisionNumbers(page)).toEqual(firstPage);
    await expect(page.getByRole('link', { name: '上一页' }).count()).resolves.toBe(0);

    // A filter is in the address too, starts at its first page, and survives a reload.
    await page.getByLabel('领域').selectOption('D07');
    await page.waitForURL((u) => u.searchParams.get('domain') === 'D07' && !u.searchParams.has('after'));
    const d07 = await gql(
      run.p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { recordSummary { domains { domainCode records } } } }',
      { c: CREDIT_CODE },
      await subjectToken(),
    );
    const inD07 = d07.data!.subject.recordSummary.domains.find(
      (d: { domainCode: string }) => d.domainCode === 'D07',
    ).records;
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=pager-range]')?.textContent === `第 1–50 条，共 ${n} 条`,
      inD07,
    );
    await page.reload();
    await page.waitForSelector('[data-testid=record]');
    await expect(page.getByLabel('领域').inputValue()).resolves.toBe('D07');
    await expect(range(page)).resolves.toBe(`第 1–50 条，共 ${inD07} 条`);
    // A category narrows the total too (the API counts the whole filter).
    const penalties = await gql(
      run.p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { records(first: 1, domains: ["D07"], categories: [ADMINISTRATIVE_PENALTY]) { totalCount } } }',
      { c: CREDIT_CODE },
      await subjectToken(),
    );
    const inD07Penalties = penalties.data!.subject.records.totalCount as number;
    await page.getByLabel('信息类别').selectOption('ADMINISTRATIVE_PENALTY');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=pager-range]')?.textContent?.endsWith(`，共 ${n} 条`),
      inD07Penalties,
    );
    await page.getByLabel('信息类别').selectOption('');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=pager-range]')?.textContent?.endsWith(`，共 ${n} 条`),
      inD07,
    );
    // 简易程序 and 已修复 are labelled where the API says so.
    const labels = await gql(
      run.p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { records(first: 50, domains: ["D07"]) { edges { node { decisionNumber simplifiedProcedure repaired } } } } }',
      { c: CREDIT_CODE },
      await subjectToken(),
    );
    const nodes = labels.data!.subject.records.edges.map(
      (e: { node: { decisionNumber: string; simplifiedProcedure: boolean; repaired: boolean } }) => e.node,
    );
    const tags: { n: string; tags: string[] }[] = await page.evaluate(() =>
      (Array.from(document.querySelectorAll('[data-testid=record]')) as any[]).map((li) => ({
        n: li.querySelector('strong').textContent,
        tags: (Array.from(li.querySelectorAll('.tag')) as any[]).map((t) => t.textContent),
      })),
    );
    expect(tags.find((t) => t.n === simplified)!.tags).toEqual(['简易程序']);
    expect(tags.find((t) => t.n === repaired)!.tags).toEqual(['已修复']);
    for (const node of nodes) {
      const shown = tags.find((t) => t.n === node.decisionNumber)!;
      expect(shown.tags.includes('简易程序')).toBe(node.simplifiedProcedure);
      expect(shown.tags.includes('已修复')).toBe(node.repaired);
    }
    await page.close();
  });

  it('subject portal: a period longer than five years asks who requires it, and the report says so', async () => {
    const page = await openPage();
    await signIn(page, '/portal/reports');
    await page.waitForURL(/\/portal\/reports$/);
    await page.getByLabel('使用场景').selectOption('FINANCING');
    await expect(page.getByLabel(/报告使用方要求/).count()).resolves.toBe(0);
    await page.getByLabel('报告期起').fill('2020-01-01');
    const required = page.getByLabel(/报告使用方要求/);
    await required.waitFor();
    await expectReadable(page);
    await checkPage(page);
    await required.fill('贵阳银行授信审查要求近七年信用记录');
    const issuing = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('PortalIssueReport'),
    );
    await page.getByRole('button', { name: '出具报告', exact: true }).click();
    const response = await issuing;
    expect(JSON.parse(response.request().postData()!).variables.input).toMatchObject({
      periodFrom: '2020-01-01',
      requiredByReportUser: '贵阳银行授信审查要求近七年信用记录',
    });
    const issued = await page.getByText(/报告 GZ\S+ 已出具/).textContent();
    const number = /报告 (GZ\S+) 已出具/.exec(issued!)![1];
    const report = page.getByTestId('report').filter({ hasText: number });
    await expect(report.getByTestId('report-required-by').textContent()).resolves.toBe(
      '报告使用方要求：贵阳银行授信审查要求近七年信用记录',
    );
    await expect(report.textContent()).resolves.toContain('2020-01-01 至');
    const stored = await gql(
      run.p.gatewayUrl,
      'query($n: String!) { report(number: $n) { periodFrom requiredByReportUser } }',
      { n: number },
      await subjectToken(),
    );
    expect(stored.data!.report).toEqual({
      periodFrom: '2020-01-01',
      requiredByReportUser: '贵阳银行授信审查要求近七年信用记录',
    });
    // Back within five years, the field goes away and is not sent.
    await page.getByLabel('报告期起').fill(daysAgo(365));
    await expect(page.getByLabel(/报告使用方要求/).count()).resolves.toBe(0);
    await page.close();
  });

  it('public pages: anyone files an 应替未替 complaint without signing in, then follows it with number and access code', async () => {
    const landing = await openPage();
    await landing.goto(`${run.origin}/`);
    await landing.getByRole('link', { name: /咨询投诉（无需登录/ }).click();
    await landing.waitForURL(/\/public\/complaint$/);
    await landing.getByRole('heading', { name: /咨询投诉/, level: 1 }).waitFor();
    await landing.close();

    const filed = await fileAnonymousComplaint(run, {
      office: '某县公共资源交易中心（匿名投诉测试）',
      screenshot: 'public-complaint',
    });
    expect(filed.number).toMatch(/^GZTS-\d{4}-\d{6}$/);
    expect(filed.accessCode).toMatch(/^[A-Z2-9]{12}$/);
    // Filed as nobody, with the catalogue's matter and the contact given.
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const cases = await gql(
      run.p.gatewayUrl,
      '{ feedbacks(first: 50) { edges { node { number anonymous kind matterCode officeName contact { phone } } } } }',
      {},
      lead,
    );
    const stored = cases
      .data!.feedbacks.edges.map((e: { node: Record<string, unknown> }) => e.node)
      .find((n: { number: string }) => n.number === filed.number);
    expect(stored).toMatchObject({
      anonymous: true,
      kind: 'CERTIFICATE_STILL_DEMANDED',
      matterCode: 'BID-CONSTRUCTION',
      officeName: '某县公共资源交易中心（匿名投诉测试）',
    });
    expect(stored.contact.phone).toMatch(/^138/);

    const page = await openPage();
    await page.goto(`${run.origin}/public/follow`);
    await page.getByLabel('案件编号', { exact: true }).fill(filed.number);
    // A wrong code reads as not found, in Chinese.
    await page.getByLabel('查询码', { exact: true }).fill('AAAA-BBBB-CCCC');
    await page.getByRole('button', { name: '查询' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expectReadable(page);
    // The code as the receipt shows it, dashes and all.
    await page.getByLabel('查询码', { exact: true }).fill(
      filed.accessCode
        .match(/.{1,3}/g)!
        .join('-')
        .toLowerCase(),
    );
    await page.getByRole('button', { name: '查询' }).click();
    const found = page.getByTestId('feedback');
    await found.waitFor();
    await expect(found.textContent()).resolves.toContain(filed.number);
    await expect(found.textContent()).resolves.toContain('已提交');
    await expect(found.textContent()).resolves.toContain('应替未替投诉');
    await expect(found.textContent()).resolves.toContain('匿名提交人');
    await expect(found.textContent()).resolves.toContain('某县公共资源交易中心（匿名投诉测试）');
    await expectReadable(page);
    await checkAccessibility(page);
    await checkPage(page);
    await shoot(page, 'public-follow');
    await page.close();
  });
});

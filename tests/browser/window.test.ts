import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_SUBJECTS } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { checkPage, expectReadable, onMysql, openPage, shoot, signIn, useConsolePlatform } from './support';

// The service window and the self-service terminal (issue 29 item 2) in Chromium against the demo platform.
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const document: any;

if (onMysql) console.log('tests/browser/window: skipped on the MariaDB pass (the console only talks to the gateway)');
const run = useConsolePlatform();
const subject = DEMO_SUBJECTS.ENTERPRISE;

/** The report number a PDF names in its document information (pdfkit writes the title as a UTF-16BE literal). */
function pdfTitleNumber(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  // The info dictionary names the title's object (`/Title 12 0 R`), which holds the string literal.
  const ref = /\/Title\s+(\d+) 0 R/.exec(text)?.[1];
  const at = ref === undefined ? text.indexOf('/Title') : text.indexOf(`\n${ref} 0 obj`);
  const literal = at < 0 ? undefined : /\(((?:\\[\s\S]|[^\\)])*)\)/.exec(text.slice(at))?.[1];
  if (literal === undefined) return null;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const bytes = Buffer.from(
    literal.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) =>
      /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (escapes[e] ?? e),
    ),
    'latin1',
  );
  const title =
    bytes[0] === 0xfe && bytes[1] === 0xff
      ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
      : bytes.toString('latin1');
  return /GZ[0-9A-Z]+/.exec(title)?.[0] ?? null;
}

/** Everything the page holds, text and form values: what "nothing of the previous user" is checked against. */
const pageContent = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      document.documentElement.outerHTML +
      (Array.from(document.querySelectorAll('input, textarea')) as any[]).map((el) => el.value).join('\n'),
  );

(onMysql ? describe.skip : describe)('service window and self-service terminal', () => {
  it('window: finds the subject, records the authorisation, issues for a matter, prints and hands over', async () => {
    const page = await openPage(run);
    await signIn(run, page, /政务服务窗口/);
    await page.waitForURL(/\/window$/);
    await page.getByRole('heading', { name: '第一步：查找信用主体' }).waitFor();
    await checkPage(page);
    await expectReadable(page);

    // By part of the name, then chosen among the matches.
    await page.getByLabel(/统一社会信用代码或名称/).fill(subject.name.slice(2, 6));
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('list', { name: '查找结果' }).waitFor();
    await checkPage(page);
    await expectReadable(page);
    await page.getByRole('button', { name: new RegExp(subject.creditCode) }).click();
    await page.getByRole('heading', { name: '第二步：核验授权与身份' }).waitFor();
    await expect(page.getByText(subject.name).first().isVisible()).resolves.toBe(true);
    await page.getByLabel('受托代理人（持授权委托书）').check();
    await page.getByLabel('来办人姓名').fill('王小刚');
    await page.getByLabel('证件号码').fill('52010219900101123X');
    await page.getByLabel('授权委托书编号或出具日期').fill('2026年12月1日授权委托书');
    await checkPage(page);
    await expectReadable(page);
    // The confirmation is required: without the box ticked the form does not move on.
    await page.getByRole('button', { name: '确认授权' }).click();
    await expect(page.getByRole('heading', { name: '第三步：选择办理事项并出具报告' }).count()).resolves.toBe(0);
    await page.getByLabel(/已当面核对证件与本人一致/).check();
    await page.getByRole('button', { name: '确认授权' }).click();

    await page.getByRole('heading', { name: '第三步：选择办理事项并出具报告' }).waitFor();
    const matter = page.getByLabel('办理事项（替代无违法违规证明的事项，可不选）');
    await matter.locator('option').nth(1).waitFor({ state: 'attached' });
    await matter.selectOption({ index: 1 });
    await page.getByTestId('matter-proposal').waitFor();
    await checkPage(page);
    await expectReadable(page);
    await page.getByRole('button', { name: '出具报告' }).click();

    await page.locator('#print-title, [role=alert]').first().waitFor();
    expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
    const number = (await page.getByTestId('handover-number').textContent())!.trim();
    const code = (await page.getByTestId('handover-code').textContent())!.trim();
    expect(number).toMatch(/^GZ\d{8}/);
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    await expect(page.getByText(/王小刚（受托代理人（持授权委托书），居民身份证 5201\*{10}123X/).count()).resolves.toBe(
      1,
    );
    await checkPage(page);
    await expectReadable(page);
    await shoot(page, 'window');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'window-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfTitleNumber(pdf)).toBe(number);

    // The report verifies with what was handed over, and carries the window's record for the subject.
    const v = await gql(
      run.p.gatewayUrl,
      'query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic channel } }',
      { n: number, c: code },
    );
    expect(v.data!.verifyReport).toEqual({ authentic: true, channel: 'SERVICE_WINDOW' });
    const own = await gql(
      run.p.gatewayUrl,
      'query($n: String!) { report(number: $n) { windowAuthorization { basis personName confirmedBy } } }',
      { n: number },
      await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }),
    );
    expect(own.data!.report.windowAuthorization).toEqual({
      basis: 'AUTHORISED_AGENT',
      personName: '王小刚',
      confirmedBy: 'operator:window-520100-01',
    });

    // The next visit starts empty.
    await page.getByRole('button', { name: '接待下一位' }).click();
    await page.getByRole('heading', { name: '第一步：查找信用主体' }).waitFor();
    const left = await pageContent(page);
    for (const trace of [subject.name, subject.creditCode, number, code, '王小刚']) expect(left).not.toContain(trace);
    // A code finds the subject at once.
    await page.getByLabel(/统一社会信用代码或名称/).fill(subject.creditCode);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('heading', { name: '第二步：核验授权与身份' }).waitFor();
    await page.close();
  });

  it('kiosk: large targets, the code on a keypad, issue and print; the phone-width pages pass', async () => {
    const page = await openPage(run);
    await signIn(run, page, /一体化智能自助终端/);
    await page.waitForURL(/\/kiosk$/);
    await page.getByRole('heading', { name: /请刷身份证/ }).waitFor();
    await expect(page.getByText('60 秒无操作将自动返回首页。').count()).resolves.toBe(1);
    await checkPage(page);
    await expectReadable(page);
    const small = await page.evaluate(
      () =>
        (Array.from(document.querySelectorAll('.kiosk button, .kiosk input')) as any[])
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width < 48 || r.height < 48).length,
    );
    expect(small).toBe(0);

    const keypad = page.getByRole('group', { name: '屏幕键盘' });
    for (const ch of subject.creditCode) await keypad.getByRole('button', { name: ch, exact: true }).click();
    await expect(page.getByRole('textbox', { name: '统一社会信用代码', exact: true }).inputValue()).resolves.toBe(
      subject.creditCode,
    );
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByRole('heading', { name: `${subject.name}：请选择报告用途` }).waitFor();
    await checkPage(page);
    await expectReadable(page);
    await shoot(page, 'kiosk');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'kiosk-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: /^商务经营/ }).click();
    await page.getByRole('heading', { name: '报告已出具' }).waitFor();
    const number = (await page.getByTestId('handover-number').textContent())!.trim();
    await checkPage(page);
    await expectReadable(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(pdfTitleNumber(readFileSync(await download.path()))).toBe(number);
    await page.close();
  });

  it('kiosk: after the idle time the terminal is back at its start with nothing of the previous user', async () => {
    const page = await openPage(run);
    await signIn(run, page, /一体化智能自助终端/);
    await page.waitForURL(/\/kiosk$/);
    // A shorter idle time for the test (the default stays 60 s, checked above); long enough for the steps.
    await page.goto(`${run.origin}/kiosk?idle=8`);
    await expect(page.getByText('8 秒无操作将自动返回首页。').count()).resolves.toBe(1);
    await page.getByRole('textbox', { name: '统一社会信用代码', exact: true }).fill(subject.creditCode);
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByRole('button', { name: /^商务经营/ }).click();
    await page.getByRole('heading', { name: '报告已出具' }).waitFor();
    const number = (await page.getByTestId('handover-number').textContent())!.trim();
    const code = (await page.getByTestId('handover-code').textContent())!.trim();

    // No touch from here: the terminal resets by itself.
    await page.getByRole('heading', { name: /请刷身份证/ }).waitFor();
    const left = await pageContent(page);
    for (const trace of [subject.name, subject.creditCode, number, code]) expect(left).not.toContain(trace);
    await expect(page.getByRole('textbox', { name: '统一社会信用代码', exact: true }).inputValue()).resolves.toBe('');
    await page.close();
  });
});

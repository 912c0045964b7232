import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { entities, objections, records, reports, startPlatform, type Platform } from '../platform';

// The console in a real browser (Debian's chromium, driven by playwright-core) against the in-process
// platform with demo data, served by the gateway from console/dist as `pnpm start` serves it. Each
// browser test file starts its own platform with `useConsolePlatform()` and checks every page it opens
// with `checkPage()` (axe-core inside the page, and the 390 px phone width).
// Functions passed to page.evaluate run in the page; the test program has no DOM library.
declare const document: any;
declare const getComputedStyle: any;
declare const requestAnimationFrame: any;
declare const window: any;

const root = resolve(__dirname, '../..');
const SHOTS = join(root, 'artifacts/screenshots');
const README_SHOTS = join(root, 'docs/screenshots');
/** The pictures README.md shows (`pnpm screenshots` copies these; CI keeps every one under artifacts/). */
export const README_PAGES = new Set([
  'landing',
  'graphiql',
  'portal',
  'portal-phone',
  'desk',
  'dashboard',
  'desk-objection',
  'oversight-complaint',
  'admin',
  'admin-calendar',
  'public-complaint',
  'window',
  'kiosk',
  'partner',
]);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/**
 * The browser side does not depend on the database: it runs on the embedded default (MariaDB is
 * covered through the same gateway by tests/e2e). Each file says so when it is skipped.
 */
export const onMysql = Boolean(process.env.DB_URL);

export interface ConsoleRun {
  p: Platform;
  origin: string;
  browser: Browser;
}

/** Starts the demo platform and Chromium before the file's tests and stops both after them. */
export function useConsolePlatform(env: Record<string, string> = {}): ConsoleRun {
  const run = {} as ConsoleRun;
  beforeAll(async () => {
    if (onMysql) return;
    if (!existsSync(join(root, 'console/dist/index.html'))) throw new Error('console/dist is missing: run pnpm build');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
    run.p = await startPlatform([entities, records, reports, objections], {
      SEED_DEMO: 'true',
      RATE_LIMIT_PER_PRINCIPAL: '100000',
      RATE_LIMIT_ANONYMOUS_PER_IP: '100000',
      ...env,
    });
    run.origin = run.p.gatewayUrl.replace('/graphql', '');
    run.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);
  afterAll(async () => {
    await run.browser?.close();
    await run.p?.stop();
  });
  return run;
}

export async function openPage(run: ConsoleRun, width = 1280): Promise<Page> {
  const page = await run.browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  // Everything comes from the gateway's origin: no CDN, nothing from the internet.
  page.on('request', (r) => {
    if (!r.url().startsWith(run.origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
      throw new Error(`request outside the gateway: ${r.url()}`);
  });
  // A script error in the page fails the test with its message, not as a time-out.
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) console.error(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return page;
}

/** Signs in on the landing page with the demo identity whose option text matches. */
export async function signIn(run: ConsoleRun, page: Page, optionText: RegExp, path = '/') {
  await page.goto(`${run.origin}${path}`);
  const select = page.getByLabel('演示身份');
  await select.locator('option').first().waitFor({ state: 'attached' });
  const options = await select.locator('option').allTextContents();
  const index = options.findIndex((o) => optionText.test(o));
  expect(index).toBeGreaterThanOrEqual(0);
  await select.selectOption(String(index));
  await page.getByRole('button', { name: '演示登录' }).click();
}

export async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS && README_PAGES.has(name)) {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(file, join(README_SHOTS, `${name}.png`));
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core, run inside the page: no serious or critical violation (WCAG 2.1 A/AA rules and axe's best
 * practices). The failure names each rule and the first elements it found.
 */
export async function axeClean(page: Page) {
  // Evaluated through the DevTools protocol: the console's CSP (script-src 'self') stays as it is served.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE_SOURCE);
  const violations: { id: string; impact: string; help: string; targets: string[] }[] = await page.evaluate(
    async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
      }));
    },
  );
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

/** Basic accessibility: labelled controls, a visible keyboard focus, readable text contrast. */
export async function checkAccessibility(page: Page) {
  const unlabelled = await page.evaluate(() =>
    (Array.from(document.querySelectorAll('input, select, textarea')) as any[])
      .filter((el) => {
        const c = el as any;
        return !(c.labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby'));
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const focused: { tag: string; outline: string }[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    focused.push(
      await page.evaluate(() => {
        const el = document.activeElement as any;
        const s = getComputedStyle(el);
        return { tag: el.tagName, outline: `${s.outlineStyle} ${s.outlineWidth}` };
      }),
    );
  }
  expect(focused.every((f) => f.tag !== 'BODY')).toBe(true);
  expect(focused.every((f) => !f.outline.startsWith('none') && f.outline !== 'solid 0px')).toBe(true);
  const worst = await page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: any): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    let min = { ratio: 21, text: '' };
    const texts: any[] = Array.from(
      document.querySelectorAll('h1, h2, h3, label, p, td, th, dt, dd, button, a, .muted, .tag'),
    );
    for (const el of texts) {
      if (!(el as any).offsetParent || !el.textContent?.trim()) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < min.ratio) min = { ratio, text: el.textContent.trim().slice(0, 30) };
    }
    return min;
  });
  expect(worst.ratio).toBeGreaterThanOrEqual(4.5);
}

/**
 * Chinese wherever a person reads: the page's visible text holds no enum code and no ISO instant
 * (labels come from shared/src/contracts/terms.ts, times as China time 2026-12-07 14:03).
 */
export async function expectReadable(page: Page) {
  // A verification code is an identifier people copy (核验码 WMTKQFPHYV may be all letters), not a code to translate.
  const text: string = (await page.evaluate(() => document.body.innerText)).replace(/核验码\s*[2-9A-Z]{10}/g, '核验码');
  // A file format on a button, and the case numbers' prefixes (GZYY-2026-000001 异议, GZTS- 投诉).
  const allowed = new Set(['XLSX', 'GZYY', 'GZTS']);
  const codes = [...text.matchAll(/\b[A-Z][A-Z_]{3,}\b/g)].map((m) => m[0]).filter((w) => !allowed.has(w));
  const instants = [...text.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g)].map((m) => m[0]);
  // Access-log actions are codes too (feedback.list); a file name is not.
  const actions = [...text.matchAll(/\b[a-z]+\.[a-z][A-Za-z.]*\b/g)]
    .map((m) => m[0])
    .filter((w) => !/\.(csv|xlsx|pdf|json|txt)$/.test(w));
  expect([...new Set([...codes, ...instants, ...actions])]).toEqual([]);
}

/** At 390 px nothing is wider than the screen (tables and charts scroll in their own box). */
export async function fitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  // Wider elements than the screen, after the page has laid out again. Tables scroll in their own box;
  // a chart's canvas is clipped to its box and redrawn by its ResizeObserver.
  const wide = await page.evaluate(
    () =>
      new Promise<string[]>((done) =>
        requestAnimationFrame(() =>
          done(
            (Array.from(document.querySelectorAll('body *')) as any[])
              .filter((el) => el.getBoundingClientRect().right > 391 && !el.closest('.table-wrap, .chart-canvas'))
              .map((el) => `${el.tagName}.${el.className}`)
              .slice(0, 5),
          ),
        ),
      ),
  );
  expect(wide).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/**
 * What every page of the console must pass: axe-core with no serious or critical violation, at its
 * width and at 390 px with no horizontal scroll. Leaves the page at its former width.
 */
export async function checkPage(page: Page) {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await axeClean(page);
  await fitsPhone(page);
  await axeClean(page);
  await page.setViewportSize(before);
}

/** What an anonymous filer keeps: the case number and the access code (without the dashes it is shown with). */
export interface AnonymousCase {
  number: string;
  accessCode: string;
}

/**
 * Files an 应替未替 complaint anonymously through the public page `/public/complaint` in a fresh,
 * signed-out page: the office, a matter picked from the substitution catalogue, a phone to be answered
 * by. Checks the page (axe-core, 390 px, readable) and returns what the receipt shows.
 */
export async function fileAnonymousComplaint(
  run: ConsoleRun,
  opts: { office?: string; matterCode?: string; content?: string; phone?: string; screenshot?: string } = {},
): Promise<AnonymousCase> {
  const page = await openPage(run);
  await page.goto(`${run.origin}/public/complaint`);
  await page.getByLabel('类型').selectOption('CERTIFICATE_STILL_DEMANDED');
  await page.getByLabel('仍要求提供证明的单位').fill(opts.office ?? '某县公共资源交易中心（匿名投诉）');
  const matter = page.getByLabel('办理事项');
  await matter.locator(`option[value="${opts.matterCode ?? 'BID-CONSTRUCTION'}"]`).waitFor({ state: 'attached' });
  await matter.selectOption(opts.matterCode ?? 'BID-CONSTRUCTION');
  await page.getByLabel('情况说明').fill(opts.content ?? '投标时仍要求提供无违法违规证明，不接受专项信用报告');
  await page.getByLabel('手机或座机').fill(opts.phone ?? '13808515678');
  await checkPage(page);
  if (opts.screenshot) await shoot(page, opts.screenshot);
  await page.getByRole('button', { name: '提交咨询投诉' }).click();
  const number = (await page.getByTestId('case-number').textContent())!.trim();
  const accessCode = (await page.getByTestId('access-code').textContent())!.replace(/-/g, '').trim();
  await expectReadable(page);
  await checkPage(page);
  if (opts.screenshot) await shoot(page, `${opts.screenshot}-receipt`);
  await page.close();
  return { number, accessCode };
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chinaDate, quarterOf } from '@credit/shared';
import { gql, tokenFor, usingMysql } from '@credit/shared/test';
import type { ObjectionsApp } from '@credit/objections';
import { SAMPLE_HEADERS } from '../../subgraphs/records/src/import/sampleCsv';
import { penaltyRow } from './fixtures/penaltyRow';
import * as consoleTerms from '../../console/src/api/terms';
import { entities, objections, records, reports, startPlatform, type Platform } from '../platform';

/**
 * Chinese wherever a person reads: every page, file and PDF made from the demo data, and what the
 * console shows of the API's answers (through its own label module), holds no enum code and no
 * ISO instant. Codes stay in the API, logs and the rejects file's 原因代码 column, for machines.
 */
const CODE = /\b[A-Z][A-Z_]{3,}\b/g;
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g;
// Upper-case words that are Chinese practice, not codes.
const ALLOWED = new Set<string>([]);

// Sentences the platform writes itself (timeline notes, reasons): no English words either.
const ENGLISH = /\b[A-Za-z]{3,}\b/g;

function unreadable(where: string, text: string, words: 'ours' | 'mixed' = 'mixed'): string[] {
  const codes = [...text.matchAll(words === 'ours' ? ENGLISH : CODE)].map((m) => m[0]).filter((w) => !ALLOWED.has(w));
  const instants = [...text.matchAll(ISO_INSTANT)].map((m) => m[0]);
  return [...new Set([...codes, ...instants])].map((w) => `${where}: ${w}`);
}

/** What a browser shows of a server page: no tags, styles, scripts or attributes. */
const pageText = (html: string) =>
  html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, ' ');

function pdftotext(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-readable-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function workbookText(bytes: ArrayBuffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => {
    cells.push(ws.name);
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? ''))));
  });
  return cells;
}

let p: Platform;
let origin: string;
let lead: string;
const problems: string[] = [];
const today = chinaDate();

beforeAll(async () => {
  p = await startPlatform([entities, records, reports, objections], {
    SEED_DEMO: 'true',
    RATE_LIMIT_PER_PRINCIPAL: '100000',
    RATE_LIMIT_ANONYMOUS_PER_IP: '100000',
    OUTBOX_POLL_MS: '200',
  });
  await (p.subgraphs.objections.app as ObjectionsApp).seeded;
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
}, 300_000);
afterAll(() => p?.stop());

const get = (path: string, token?: string) =>
  fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe(`what people read is Chinese (demo data, ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  let demo: { creditCode: string; domainCode: string };

  it('objection and complaint timelines, as the console shows them', async () => {
    const read = async () => {
      const r = await gql(
        p.gatewayUrl,
        `{ objections(first: 50) { edges { node { creditCode domainCode type status reason explanation refusalReason filedAt
            timeline { action toStatus role at note } } } } }`,
        {},
        lead,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.objections.edges.map((e: any) => e.node);
    };
    // The upheld objection's correction reaches records through the outbox: its last step follows.
    const applied = (xs: any[]) =>
      xs.find((o) => o.status === 'UPHELD')?.timeline.some((t: any) => t.action === 'CORRECTION_APPLIED');
    let list = await read();
    while (!applied(list)) {
      await new Promise((r) => setTimeout(r, 200));
      list = await read();
    }
    // One demo objection per state, every state labelled.
    expect(list.length).toBeGreaterThanOrEqual(8);
    const upheld = list.find((o: any) => o.status === 'UPHELD');
    demo = { creditCode: upheld.creditCode, domainCode: upheld.domainCode };
    const { term, fmtTime, OBJECTION_ACTION, OBJECTION_STATUS, OBJECTION_TYPE, ROLE } = consoleTerms;
    for (const o of list) {
      const shown = [
        term(OBJECTION_TYPE, o.type),
        term(OBJECTION_STATUS, o.status),
        o.reason,
        o.explanation ?? '',
        o.refusalReason ?? '',
        fmtTime(o.filedAt),
        ...o.timeline.flatMap((t: any) => [
          fmtTime(t.at),
          term(OBJECTION_ACTION, t.action),
          term(ROLE, t.role),
          t.note ?? '',
        ]),
      ];
      expect(shown).not.toContain('未知');
      problems.push(...unreadable(`objection ${o.status}`, shown.join(' '), 'ours'));
    }

    const f = await gql(
      p.gatewayUrl,
      `{ feedbacks(first: 50) { edges { node { kind status content answer unitReply dismissalReason filedAt
          timeline { action role at note } } } } }`,
      {},
      lead,
    );
    expect(f.errors).toBeUndefined();
    const feedbacks = f.data!.feedbacks.edges.map((e: any) => e.node);
    expect(feedbacks.length).toBeGreaterThan(0);
    const { FEEDBACK_ACTION, FEEDBACK_KIND, FEEDBACK_STATUS } = consoleTerms;
    for (const x of feedbacks) {
      const shown = [
        term(FEEDBACK_KIND, x.kind),
        term(FEEDBACK_STATUS, x.status),
        x.content,
        x.answer ?? '',
        x.unitReply ?? '',
        x.dismissalReason ?? '',
        fmtTime(x.filedAt),
        ...x.timeline.flatMap((t: any) => [
          fmtTime(t.at),
          term(FEEDBACK_ACTION, t.action),
          term(ROLE, t.role),
          t.note ?? '',
        ]),
      ];
      expect(shown).not.toContain('未知');
      problems.push(...unreadable(`feedback ${x.status}`, shown.join(' '), 'ours'));
    }
  });

  it('the report PDF, the verification page and the subject\u2019s "who viewed me"', async () => {
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: demo.creditCode });
    const issued = await gql(
      p.gatewayUrl,
      `mutation($input: IssueReportInput!) { issueReport(input: $input) { number verificationCode } }`,
      { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: [demo.domainCode] } },
      owner,
    );
    expect(issued.errors).toBeUndefined();
    const { number, verificationCode } = issued.data!.issueReport;
    // The owner authorises a report user (the console prints until as a day).
    const auth = await gql(
      p.gatewayUrl,
      'mutation($n: String!, $u: String!) { authorizeReportAccess(number: $n, partnerId: "bank-demo", until: $u) { until } }',
      { n: number, u: today },
      owner,
    );
    expect(auth.errors).toBeUndefined();

    const pdf = await get(`/reports/${number}.pdf`, owner);
    expect(pdf.status).toBe(200);
    const text = pdftotext(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('信用中国（贵州）网站');
    // The verification code is an identifier people copy (it may be all letters), not a code to translate.
    const withoutCode = (t: string) => t.split(verificationCode).join('');
    problems.push(...unreadable('report PDF', withoutCode(text).replace(/SHA-256/g, '')));

    for (const path of ['/verify', `/verify?number=${number}&code=${verificationCode}`]) {
      const page = await get(path);
      expect(page.status).toBe(200);
      problems.push(...unreadable(path, withoutCode(pageText(await page.text()))));
    }

    // The lead department's reading of objections above, the issuance and the PDF are in it.
    const log = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { accessLog(first: 100) { edges { node { actor role action at } } } } }`,
      { c: demo.creditCode },
      owner,
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data!.subject.accessLog.edges.map((e: any) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    const { accessActionZh, term, fmtTime, ROLE } = consoleTerms;
    for (const e of entries) {
      const action = accessActionZh(e.action);
      // Every action the platform logs has words of its own, not a catch-all.
      expect({ action: e.action, shown: action }).not.toMatchObject({
        shown: expect.stringMatching(/其他操作|相关操作/),
      });
      problems.push(...unreadable(`access log ${e.action}`, [fmtTime(e.at), term(ROLE, e.role), action].join(' ')));
    }
  });

  it('the guides and the assessment files', async () => {
    const index = await get('/guides');
    expect(index.status).toBe(200);
    const html = await index.text();
    problems.push(...unreadable('/guides', pageText(html)));
    const links = [...html.matchAll(/href="(\/guides\/[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const link of new Set(links)) {
      const page = await get(link);
      expect(page.status).toBe(200);
      problems.push(...unreadable(link, pageText(await page.text())));
    }

    const quarter = quarterOf(today);
    const xlsx = await get(`/assessment/${quarter}.xlsx`, lead);
    expect(xlsx.status).toBe(200);
    const cells = await workbookText(await xlsx.arrayBuffer());
    // The unit and region codes are the registers' (GZ-D07, 520100), not enum codes.
    problems.push(...unreadable('assessment.xlsx', cells.join(' ')));
    const csv = await get(`/assessment/${quarter}.csv`, lead);
    expect(csv.status).toBe(200);
    problems.push(...unreadable('assessment.csv', await csv.text()));
  });

  it('the reasons of refused rows, on the page and in the rejects file', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const tag = `RD${Date.now()}`;
    const row = (n: number, patch: Record<number, string>) => penaltyRow(`黔市监罚〔${tag}〕${n}号`, patch);
    const csv = [
      SAMPLE_HEADERS.join(','),
      row(1, { 6: '91520100210000754X' }),
      row(2, { 12: '-5' }),
      row(3, { 14: '2099-01-01' }),
      row(4, { 3: 'D99' }),
      row(5, { 8: '' }),
      row(6, { 14: '明天' }),
      '只有一个单元格',
    ].join('\r\n');
    const started = await fetch(`${origin}/imports?name=readable.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${unit}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from(`\uFEFF${csv}\r\n`),
    });
    expect(started.status).toBe(202);
    let job = (await started.json()) as any;
    while (job.status === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 100));
      job = await (await get(`/imports/${job.id}`, unit)).json();
    }
    expect(job).toMatchObject({ status: 'DONE', rejected: 7 });
    const { term, REJECT_REASON } = consoleTerms;
    for (const r of job.rejectedRows) {
      const shown = r.reasons.map((x: any) => `${x.text} ${term(REJECT_REASON, x.code)}`);
      expect(shown.join('')).not.toContain('未知');
      problems.push(...unreadable(`import row ${r.line}`, shown.join(' '), 'ours'));
    }
    const file = await get(job.rejectsUrl, unit);
    const lines = (await file.text()).split('\r\n').slice(1).filter(Boolean);
    expect(lines).toHaveLength(7);
    // The 原因 column (the second) is for people; 原因代码 beside it is for machines.
    const reasonColumn = lines.map((l) => (/^\d+,("(?:[^"]|"")*"|[^,]*)/.exec(l) ?? ['', ''])[1]);
    problems.push(...unreadable('rejects file 原因', reasonColumn.join(' '), 'ours'));
  });

  it('found nothing unreadable', () => {
    expect(problems).toEqual([]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReportPdf, VERIFY_LINE } from '../src/pdf/reportPdf';
import { snapshotSubject, sourceRecord } from './sourceRecord';
import { buildSnapshot, ReportChannel, ReportScenario } from '../src/report/snapshot';
import { pdftotext } from '@credit/shared/test';

const record = sourceRecord;

const snapshotInput = {
  number: 'GZ2026112600000042X',
  issuedAt: new Date('2026-11-26T02:00:00Z'),
  issuer: { province: '520000', name: '全国信用信息共享平台（贵州）' },
  scenario: ReportScenario.BIDDING_PROCUREMENT,
  channel: ReportChannel.WEBSITE,
  period: {
    from: '2018-01-01',
    to: '2026-11-26',
    coverageFrom: '2020-01-01',
    requiredByReportUser: '贵州省公共资源交易中心',
  },
  subject: snapshotSubject,
  domains: [
    { code: 'D07', nameZh: '市场监管' },
    { code: 'D14', nameZh: '税务' },
    { code: 'D28', nameZh: '生态环境' },
  ],
  records: [
    record({}),
    record({
      id: 'R2',
      decisionNumber: '黔市监罚〔2024〕3号',
      decisionDate: '2024-05-01',
      status: 'REPAIRED',
      repaired: true,
      repairedAt: '2025-01-10',
    }),
    record({ id: 'R3', domainCode: 'D28', decisionNumber: '黔环罚〔2023〕7号', underObjection: true }),
    record({ id: 'R4', domainCode: 'D28', status: 'REVOKED' }),
  ],
};
const snapshot = buildSnapshot(snapshotInput);

const meta = {
  status: 'ISSUED' as const,
  revokedAt: null,
  revocationReason: null,
  sha256: 'ab'.repeat(32),
  keyId: '520000-2026-01',
  verificationCode: 'K7M2P9Q4RT',
  verifyUrl: 'https://credit.example/verify?number=GZ2026112600000042X&code=K7M2P9Q4RT',
};

/** The text of each page, as pdftotext sets it out (pages end with a form feed). */
function pagesOf(pdf: Buffer): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'report-pdf-')), 'r.pdf');
  writeFileSync(file, pdf);
  return pdftotext(file).split('\f').slice(0, -1);
}

const DOMAINS = [
  { code: 'D07', nameZh: '市场监管' },
  { code: 'D14', nameZh: '税务' },
  { code: 'D28', nameZh: '生态环境' },
  { code: 'D03', nameZh: '交通运输' },
];
const FACT = '经查，当事人销售不合格产品，违反了《中华人民共和国产品质量法》的规定。';

/** A subject with `n` records across the domains, of uneven lengths, so that every page breaks elsewhere. */
const longSnapshot = (n: number, shift = 0) =>
  buildSnapshot({
    ...snapshotInput,
    domains: DOMAINS,
    records: Array.from({ length: n }, (_, i) =>
      record({
        id: `L${i}`,
        domainCode: DOMAINS[(i + shift) % DOMAINS.length].code,
        decisionNumber: `黔罚〔2025〕${i + 1}号`,
        facts: FACT.repeat(1 + ((i * 7 + shift) % 4)),
        underObjection: (i + shift) % 5 === 0,
      }),
    ),
  });

describe('report PDF', () => {
  let text: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderReportPdf(snapshot, meta);
    const file = join(mkdtempSync(join(tmpdir(), 'report-pdf-')), 'r.pdf');
    writeFileSync(file, pdf);
    text = pdftotext(file);
  });

  it('holds the title, subject, period with coverage, every chosen domain and the statement', () => {
    for (const s of [
      '专项信用报告',
      '贵州云岭建材有限公司',
      '91520000214434146R',
      '2018-01-01 至 2026-11-26',
      '实际覆盖',
      '2020-01-01',
      '市场监管（D07）',
      '税务（D14）',
      '生态环境（D28）',
      '无违法违规记录',
      '有违法违规记录（2 条）',
      '生效法律文书',
      '贵州省公共资源交易中心',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('labels the repaired record 已修复, flags the objected one and leaves out the revoked one', () => {
    expect(text).toMatch(/黔市监罚〔2024〕3号\s+【已修复】/);
    expect(text).not.toMatch(/黔市监罚〔2025〕12号\s+【已修复】/);
    expect(text).toContain('【异议处理中】');
    expect(text).toContain('有违法违规记录（1 条）');
  });

  it('prints number, verification code, hash and page numbers, embeds the font and is A4', () => {
    expect(text).toContain('K7M2P9Q4RT');
    expect(text).toContain('ab'.repeat(32));
    expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.length).toBeLessThan(300_000);
  });

  it('proves itself on page 1: QR target, verification code, SHA-256 and how to check', () => {
    const [first] = pagesOf(pdf);
    expect(first).toContain('验证码：K7M2P9Q4RT');
    expect(first).toContain('ab'.repeat(32));
    expect(first).toContain(meta.verifyUrl);
    expect(first).toContain('扫码或登录信用中国（贵州）网站核验');
    expect(VERIFY_LINE).toBe('扫码或登录信用中国（贵州）网站核验');
    // The QR code is drawn on page 1: its image is the first page's only XObject.
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  describe('a report of many pages', () => {
    const FOOTER = /报告编号 GZ2026112600000042X\s+第 (\d+) 页 \/ 共 (\d+) 页/;
    // Section headings, a domain's heading on its own line, a record's title line.
    const HEADING = [/^[一二三四]、/, /^\S+（D\d\d）$/, /^\d+\. 黔罚〔/];

    it('carries the report number and 第 n 页 / 共 N 页 on every page', async () => {
      const pages = pagesOf(await renderReportPdf(longSnapshot(24), meta));
      expect(pages.length).toBeGreaterThan(3);
      pages.forEach((page, i) => {
        const m = FOOTER.exec(page);
        expect(m?.slice(1)).toEqual([String(i + 1), String(pages.length)]);
      });
    });

    it('never ends a page with a heading: each is kept with the first block under it', async () => {
      const endings: string[] = [];
      // Short reports move 二、 and 三、 down page 1 and 2; long ones break pages between many records.
      const variants = [...[3, 5, 7, 9, 11, 13].map((n) => [n, 0]), ...[0, 1, 2].map((shift) => [48, shift])];
      for (const [n, shift] of variants) {
        const pages = pagesOf(await renderReportPdf(longSnapshot(n, shift), meta));
        for (const page of pages.slice(0, -1)) {
          const lines = page
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !FOOTER.test(l));
          const last = lines[lines.length - 1];
          if (HEADING.some((h) => h.test(last))) endings.push(`${n}/${shift}: ${last}`);
        }
      }
      expect(endings).toEqual([]);
    }, 300_000);
  });

  it('renders the same report to the same bytes', async () => {
    expect((await renderReportPdf(snapshot, meta)).equals(pdf)).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReportPdf } from '../src/pdf/reportPdf';
import { snapshotSubject, sourceRecord } from './sourceRecord';
import { buildSnapshot, ReportChannel, ReportScenario } from '../src/report/snapshot';

const record = sourceRecord;

const snapshot = buildSnapshot({
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
});

const meta = {
  status: 'ISSUED' as const,
  revokedAt: null,
  revocationReason: null,
  sha256: 'ab'.repeat(32),
  keyId: '520000-2026-01',
  verificationCode: 'K7M2P9Q4RT',
  verifyUrl: 'https://credit.example/verify?number=GZ2026112600000042X&code=K7M2P9Q4RT',
};

describe('report PDF', () => {
  let text: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderReportPdf(snapshot, meta);
    const file = join(mkdtempSync(join(tmpdir(), 'report-pdf-')), 'r.pdf');
    writeFileSync(file, pdf);
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
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

  it('renders the same report to the same bytes', async () => {
    expect((await renderReportPdf(snapshot, meta)).equals(pdf)).toBe(true);
  });
});

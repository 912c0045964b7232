import PDFDocument from 'pdfkit';
import { chinaTime } from '@credit/shared';
import QRCode from 'qrcode';
import { CATEGORY_ZH, CHANNEL_ZH, SCENARIO_ZH, type ReportSnapshot, type SnapshotRecord } from '../report/snapshot';
import { cjkFonts } from './font';

export interface PdfMeta {
  status: 'ISSUED' | 'REVOKED';
  revokedAt: Date | null;
  revocationReason: string | null;
  sha256: string;
  keyId: string;
  /** Printed only on the owner's copy (or when fetched with the code). */
  verificationCode: string | null;
  /** What the QR code encodes: the verification page, with the code when it is known. */
  verifyUrl: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT = A4.width - 2 * MARGIN;
const FOOTER_SPACE = 40;

const SUBJECT_KIND_ZH: Record<string, string> = {
  ENTERPRISE: '企业',
  INDIVIDUAL_BUSINESS: '个体工商户',
  FARMER_COOPERATIVE: '农民专业合作社',
  SOCIAL_ORGANIZATION: '社会组织',
  NATURAL_PERSON: '自然人',
};

type Doc = PDFKit.PDFDocument;

function ensureSpace(doc: Doc, needed: number) {
  if (doc.y + needed > A4.height - MARGIN - FOOTER_SPACE) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensureSpace(doc, 40);
  doc.moveDown(0.6).font('bold').fontSize(13).fillColor('#000').text(text, MARGIN, doc.y, { width: CONTENT });
  doc.moveDown(0.3);
}

function field(doc: Doc, label: string, value: string) {
  ensureSpace(doc, 18);
  const y = doc.y;
  doc.font('bold').fontSize(10).text(label, MARGIN, y, { width: 110 });
  doc
    .font('regular')
    .fontSize(10)
    .text(value, MARGIN + 110, y, { width: CONTENT - 110 });
  doc.moveDown(0.2);
}

function domainTable(doc: Doc, snapshot: ReportSnapshot) {
  const cols = [40, 250, CONTENT - 290];
  const row = (cells: string[], bold: boolean, shade: boolean) => {
    const h = 20;
    ensureSpace(doc, h);
    const y = doc.y;
    if (shade) doc.rect(MARGIN, y, CONTENT, h).fill('#eef2f7');
    doc
      .fillColor('#000')
      .font(bold ? 'bold' : 'regular')
      .fontSize(9.5);
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + 4, y + 5, { width: cols[i] - 8, lineBreak: false, ellipsis: true });
      x += cols[i];
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + CONTENT, y + h)
      .lineWidth(0.5)
      .strokeColor('#9aa5b1')
      .stroke();
    doc.y = y + h;
  };
  row(['序号', '领域', '查询结果'], true, true);
  snapshot.domains.forEach((d, i) => {
    const result = d.outcome === 'NO_RECORD' ? '无违法违规记录' : `有违法违规记录（${d.records.length} 条）`;
    row([String(i + 1), `${d.nameZh}（${d.code}）`, result], false, false);
  });
  doc.x = MARGIN;
}

function recordBlock(doc: Doc, r: SnapshotRecord, index: number) {
  ensureSpace(doc, 90);
  const labels = r.labels.length ? `  【${r.labels.join('】【')}】` : '';
  doc
    .font('bold')
    .fontSize(10)
    .fillColor('#000')
    .text(`${index}. ${r.decisionNumber}${labels}`, MARGIN, doc.y, { width: CONTENT });
  const lines: [string, string | null][] = [
    ['类别', `${CATEGORY_ZH[r.category] ?? r.category}${r.simplifiedProcedure ? '（简易程序）' : ''}`],
    ['决定日期', r.decisionDate],
    ['决定机关', r.decidingAuthority],
    ['违法事实', r.facts],
    ['处理内容', r.penaltyContent],
    ['罚款金额', r.fineAmount ? `${r.fineAmount} 元` : null],
    ['信用修复', r.repaired ? `已修复${r.repairedAt ? `（${r.repairedAt.slice(0, 10)}）` : ''}` : null],
    ['异议', r.underObjection ? '出具时该记录的异议正在处理中' : null],
  ];
  for (const [label, value] of lines) {
    if (!value) continue;
    ensureSpace(doc, 16);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#444')
      .text(`${label}：`, MARGIN + 14, y, { width: 60 });
    doc.fillColor('#000').text(value, MARGIN + 74, y, { width: CONTENT - 74 });
  }
  doc.moveDown(0.4);
}

/** Renders the report as an A4 PDF with embedded CJK font, QR code and page numbers. */
export async function renderReportPdf(s: ReportSnapshot, meta: PdfMeta): Promise<Buffer> {
  const fonts = cjkFonts();
  const qr = await QRCode.toBuffer(meta.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // The issue instant, not "now": the same report renders to the same document.
    info: {
      Title: `专项信用报告 ${s.number}`,
      Author: s.issuer.name,
      Subject: s.subject.name,
      CreationDate: new Date(s.issuedAt),
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(24).text('专项信用报告', { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#555')
    .text('（以专项信用报告替代有无违法违规记录证明）', { align: 'center' });
  doc.fillColor('#000').moveDown(0.8);
  if (meta.status === 'REVOKED') {
    doc
      .font('bold')
      .fontSize(12)
      .fillColor('#b00020')
      .text(
        `本报告已于 ${meta.revokedAt ? chinaTime(meta.revokedAt.toISOString()) : ''} 撤销：${meta.revocationReason ?? ''}`,
        { align: 'center' },
      );
    doc.fillColor('#000').moveDown(0.5);
  }

  field(doc, '报告编号', s.number);
  field(doc, '信用主体', s.subject.name);
  field(doc, s.subject.kind === 'NATURAL_PERSON' ? '身份证号码' : '统一社会信用代码', s.subject.creditCode);
  field(doc, '主体类型', SUBJECT_KIND_ZH[s.subject.kind] ?? s.subject.kind);
  field(doc, '报告期间', `${s.period.from} 至 ${s.period.to}`);
  if (s.period.coverageFrom !== s.period.from) {
    field(doc, '实际覆盖', `${s.period.coverageFrom} 至 ${s.period.to}（违法违规记录自 2020 年起归集）`);
  }
  if (s.period.requiredByReportUser)
    field(doc, '期间要求方', `${s.period.requiredByReportUser}（报告使用方明确要求超过五年）`);
  field(doc, '应用场景', SCENARIO_ZH[s.scenario] ?? s.scenario);
  field(doc, '申请渠道', CHANNEL_ZH[s.channel] ?? s.channel);
  field(doc, '出具时间', `${chinaTime(s.issuedAt)}（北京时间）`);
  field(doc, '出具机构', s.issuer.name);

  heading(doc, '一、各领域违法违规记录查询结果');
  domainTable(doc, s);

  const withRecords = s.domains.filter((d) => d.records.length > 0);
  heading(doc, '二、违法违规记录明细');
  if (withRecords.length === 0) {
    doc.font('regular').fontSize(10).text('所选领域在报告期间内均无违法违规记录。', MARGIN, doc.y, { width: CONTENT });
  }
  for (const d of withRecords) {
    ensureSpace(doc, 40);
    doc.moveDown(0.3).font('bold').fontSize(11).text(`${d.nameZh}（${d.code}）`, MARGIN, doc.y, { width: CONTENT });
    doc.moveDown(0.2);
    d.records.forEach((r, i) => recordBlock(doc, r, i + 1));
  }

  heading(doc, '三、说明');
  doc.font('regular').fontSize(9.5).text(`1. ${s.statement}`, MARGIN, doc.y, { width: CONTENT });
  doc.text('2. 已修复的记录仍予展示，并标注“已修复”。', { width: CONTENT });
  doc.text('3. 本报告内容自出具时固定，不再变更；报告使用方可扫描二维码或访问核验页面，凭报告编号和验证码核验真伪。', {
    width: CONTENT,
  });

  heading(doc, '四、防伪核验');
  ensureSpace(doc, 130);
  const top = doc.y;
  doc.image(qr, MARGIN + CONTENT - 110, top, { width: 110 });
  const w = CONTENT - 125;
  doc
    .font('bold')
    .fontSize(9.5)
    .text('报告编号：', MARGIN, top, { width: w, continued: true })
    .font('regular')
    .text(s.number);
  doc
    .font('bold')
    .text('验证码：', { width: w, continued: true })
    .font('regular')
    .text(meta.verificationCode ?? '（仅向信用主体本人提供）');
  doc.font('bold').text('签名密钥：', { width: w, continued: true }).font('regular').text(meta.keyId);
  doc.font('bold').text('SHA-256：', { width: w }).font('regular').fontSize(8).text(meta.sha256, { width: w });
  doc.fontSize(8).fillColor('#555').text(`核验地址：${meta.verifyUrl}`, { width: w });
  doc.fillColor('#000');
  doc.y = Math.max(doc.y, top + 120);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would start a new page; lift the margin while stamping.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#666')
      .text(`报告编号 ${s.number}    第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN, A4.height - MARGIN + 16, {
        width: CONTENT,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

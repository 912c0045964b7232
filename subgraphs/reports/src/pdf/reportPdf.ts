import PDFDocument from 'pdfkit';
import {
  chinaDate,
  chinaTime,
  DOMAIN_OUTCOME_ZH,
  PLAIN_REPORT_FIELDS,
  RECORD_CATEGORY_ZH,
  reportLabel,
  SUBJECT_KIND_ZH,
  term,
} from '@credit/shared';
import QRCode from 'qrcode';
import { CHANNEL_ZH, SCENARIO_ZH, type ReportSnapshot, type SnapshotRecord } from '../report/snapshot';
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
  /** Set when records the report covers changed since issuance: printed in amber under the title. */
  recordsChanged?: string | null;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT = A4.width - 2 * MARGIN;
const FOOTER_SPACE = 40;

type Doc = PDFKit.PDFDocument;

/** Lowest y a block may reach: below it sit the footer and the bottom margin. */
const BOTTOM = A4.height - MARGIN - FOOTER_SPACE;
const PAGE_ROOM = BOTTOM - MARGIN;

/** The verification block at the top right of page 1 (QR code, code, how to check), as provincial reports print it. */
const VERIFY_WIDTH = 150;
const QR_SIZE = 92;
const LABEL_WIDTH = 110;

function ensureSpace(doc: Doc, needed: number) {
  if (doc.y + needed > BOTTOM) doc.addPage();
}

/** Height of `text` set in `font` at `size` and `width`, as doc.text would set it. */
function textHeight(doc: Doc, font: string, size: number, text: string, width: number): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width });
}

/** Space moveDown(lines) adds in `font` at `size`. */
function gap(doc: Doc, font: string, size: number, lines: number): number {
  return doc.font(font).fontSize(size).currentLineHeight(true) * lines;
}

/**
 * A heading kept with its content: it is drawn only where it and the first block under it (measured
 * by the caller) fit, else both start the next page, so that no page ends with a heading.
 */
function heading(doc: Doc, text: string, firstBlock: number, size = 13, before = 0.6, after = 0.3) {
  const height =
    gap(doc, 'bold', size, before) + textHeight(doc, 'bold', size, text, CONTENT) + gap(doc, 'bold', size, after);
  ensureSpace(doc, height + firstBlock);
  doc.font('bold').fontSize(size).fillColor('#000').moveDown(before).text(text, MARGIN, doc.y, { width: CONTENT });
  doc.moveDown(after);
}

function field(doc: Doc, label: string, value: string, valueWidth = CONTENT - LABEL_WIDTH, size = 10) {
  ensureSpace(doc, textHeight(doc, 'regular', size, value, valueWidth) + 2);
  const y = doc.y;
  doc.font('bold').fontSize(10).fillColor('#000').text(label, MARGIN, y, { width: LABEL_WIDTH });
  const labelBottom = doc.y;
  doc
    .font('regular')
    .fontSize(size)
    .text(value, MARGIN + LABEL_WIDTH, y + (10 - size) / 2, { width: valueWidth });
  doc.y = Math.max(doc.y, labelBottom);
  doc.fontSize(10).moveDown(0.2);
}

const TABLE_ROW = 20;

function domainTable(doc: Doc, snapshot: ReportSnapshot) {
  const cols = [40, 250, CONTENT - 290];
  const row = (cells: string[], bold: boolean, shade: boolean) => {
    const h = TABLE_ROW;
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
    const result = `${term(DOMAIN_OUTCOME_ZH, d.outcome)}${d.outcome === 'NO_RECORD' ? '' : `（${d.records.length} 条）`}`;
    row([String(i + 1), `${d.nameZh}（${d.code}）`, result], false, false);
  });
  doc.x = MARGIN;
}

const RECORD_VALUE_X = 74;

function recordTitle(r: SnapshotRecord, index: number): string {
  const labels = r.labels.length ? `  【${r.labels.join('】【')}】` : '';
  return `${index}. ${r.decisionNumber}${labels}`;
}

function recordLines(r: SnapshotRecord): [string, string][] {
  const lines: [string, string | null][] = [
    [reportLabel('category'), `${term(RECORD_CATEGORY_ZH, r.category)}${r.simplifiedProcedure ? '（简易程序）' : ''}`],
    [reportLabel('decisionDate'), r.decisionDate],
    [reportLabel('decidingAuthority'), r.decidingAuthority],
    [reportLabel('facts'), r.facts],
    [reportLabel('penaltyContent'), r.penaltyContent],
    [reportLabel('fineAmount'), r.fineAmount ? `${r.fineAmount} 元` : null],
    // The field table's plain report fields, when the record has them.
    ...PLAIN_REPORT_FIELDS.map((f): [string, string | null] => [
      reportLabel(f),
      ((r as unknown as Record<string, unknown>)[f] as string | undefined) ?? null,
    ]),
    ['信用修复', r.repaired ? `已修复${r.repairedAt ? `（${chinaDate(new Date(r.repairedAt))}）` : ''}` : null],
    ['异议', r.underObjection ? '出具时该记录的异议正在处理中' : null],
  ];
  return lines.filter((l): l is [string, string] => Boolean(l[1]));
}

const lineHeight = (doc: Doc, value: string) => textHeight(doc, 'regular', 9, value, CONTENT - RECORD_VALUE_X);

/**
 * What a record needs together on one page: all of it when it fits a page (an entry is not split),
 * else its title with its first line.
 */
function recordKeep(doc: Doc, r: SnapshotRecord, index: number): number {
  const title = textHeight(doc, 'bold', 10, recordTitle(r, index), CONTENT);
  const lines = recordLines(r).map(([, v]) => lineHeight(doc, v));
  const whole = title + lines.reduce((a, b) => a + b, 0) + gap(doc, 'regular', 9, 0.4);
  return whole <= PAGE_ROOM ? whole : title + (lines[0] ?? 0);
}

function recordBlock(doc: Doc, r: SnapshotRecord, index: number) {
  ensureSpace(doc, recordKeep(doc, r, index));
  doc.font('bold').fontSize(10).fillColor('#000').text(recordTitle(r, index), MARGIN, doc.y, { width: CONTENT });
  for (const [label, value] of recordLines(r)) {
    ensureSpace(doc, lineHeight(doc, value));
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#444')
      .text(`${label}：`, MARGIN + 14, y, { width: 60 });
    doc.fillColor('#000').text(value, MARGIN + RECORD_VALUE_X, y, { width: CONTENT - RECORD_VALUE_X });
  }
  doc.moveDown(0.4);
}

/** Where the report can be checked, printed with the QR code: the site wording of the 申请渠道 (CHANNEL_ZH). */
export const VERIFY_LINE = `扫码或登录${CHANNEL_ZH.WEBSITE}核验`;

/**
 * Page 1's top right: the QR code (the verification page with number and code), the verification
 * code and how to check, so that the first page proves itself without the last.
 */
function verifyBlock(doc: Doc, qr: Buffer, meta: PdfMeta): number {
  const x = MARGIN + CONTENT - VERIFY_WIDTH;
  doc.image(qr, MARGIN + CONTENT - QR_SIZE, MARGIN, { width: QR_SIZE });
  doc
    .font('bold')
    .fontSize(8.5)
    .fillColor('#000')
    .text(`验证码：${meta.verificationCode ?? '仅向信用主体本人提供'}`, x, MARGIN + QR_SIZE + 3, {
      width: VERIFY_WIDTH,
      align: 'right',
    });
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor('#555')
    .text(VERIFY_LINE, x, doc.y + 1, {
      width: VERIFY_WIDTH,
      align: 'right',
    });
  const bottom = doc.y;
  doc.fillColor('#000');
  return bottom;
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

  const verifyBottom = verifyBlock(doc, qr, meta);
  doc.font('bold').fontSize(24).text('专项信用报告', MARGIN, MARGIN, { width: CONTENT, align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#555')
    .text('（以专项信用报告替代有无违法违规记录证明）', { width: CONTENT, align: 'center' });
  doc.fillColor('#000').moveDown(0.8);
  // Beside the verification block the left column is narrower.
  const besideVerify = CONTENT - VERIFY_WIDTH - 12;
  if (meta.status === 'REVOKED') {
    doc
      .font('bold')
      .fontSize(12)
      .fillColor('#b00020')
      .text(
        `本报告已于 ${meta.revokedAt ? chinaTime(meta.revokedAt.toISOString()) : ''} 撤销：${meta.revocationReason ?? ''}`,
        MARGIN,
        doc.y,
        { width: besideVerify },
      );
    doc.fillColor('#000').moveDown(0.5);
  }
  if (meta.status !== 'REVOKED' && meta.recordsChanged) {
    // Not part of the signed snapshot: what verification says of it today, as on /verify.
    doc
      .font('bold')
      .fontSize(11)
      .fillColor('#8a5a00')
      .text(meta.recordsChanged, MARGIN, doc.y, { width: besideVerify });
    doc.fillColor('#000').moveDown(0.5);
  }
  const put = (label: string, value: string, size?: number) =>
    field(doc, label, value, doc.y < verifyBottom ? besideVerify - LABEL_WIDTH : CONTENT - LABEL_WIDTH, size);

  put('报告编号', s.number);
  put('信用主体', s.subject.name);
  put(s.subject.kind === 'NATURAL_PERSON' ? '身份证号码' : '统一社会信用代码', s.subject.creditCode);
  put('主体类型', term(SUBJECT_KIND_ZH, s.subject.kind));
  put('报告期间', `${s.period.from} 至 ${s.period.to}`);
  if (s.period.coverageFrom !== s.period.from) {
    put('实际覆盖', `${s.period.coverageFrom} 至 ${s.period.to}（违法违规记录自 2020 年起归集）`);
  }
  if (s.period.requiredByReportUser)
    put('期间要求方', `${s.period.requiredByReportUser}（报告使用方明确要求超过五年）`);
  put('应用场景', term(SCENARIO_ZH, s.scenario));
  put('申请渠道', term(CHANNEL_ZH, s.channel));
  put('出具时间', `${chinaTime(s.issuedAt)}（北京时间）`);
  put('出具机构', s.issuer.name);
  put('签名密钥', meta.keyId);
  put('SHA-256', meta.sha256, 8);
  put('核验地址', meta.verifyUrl, 8);
  doc.y = Math.max(doc.y, verifyBottom);

  heading(doc, '一、各领域违法违规记录查询结果', 2 * TABLE_ROW);
  domainTable(doc, s);

  const withRecords = s.domains.filter((d) => d.records.length > 0);
  const NONE = '所选领域在报告期间内均无违法违规记录。';
  const domainHeading = (d: (typeof withRecords)[number]) => `${d.nameZh}（${d.code}）`;
  const domainKeep = (d: (typeof withRecords)[number]) =>
    gap(doc, 'bold', 11, 0.3) +
    textHeight(doc, 'bold', 11, domainHeading(d), CONTENT) +
    gap(doc, 'bold', 11, 0.2) +
    recordKeep(doc, d.records[0], 1);
  heading(
    doc,
    '二、违法违规记录明细',
    withRecords.length ? domainKeep(withRecords[0]) : textHeight(doc, 'regular', 10, NONE, CONTENT),
  );
  if (withRecords.length === 0) {
    doc.font('regular').fontSize(10).text(NONE, MARGIN, doc.y, { width: CONTENT });
  }
  for (const d of withRecords) {
    heading(doc, domainHeading(d), recordKeep(doc, d.records[0], 1), 11, 0.3, 0.2);
    d.records.forEach((r, i) => recordBlock(doc, r, i + 1));
  }

  const notes = [
    `1. ${s.statement}`,
    '2. 已修复的记录仍予展示，并标注“已修复”。',
    `3. 本报告内容自出具时固定，不再变更；报告使用方可扫描首页二维码或登录${CHANNEL_ZH.WEBSITE}，凭报告编号和验证码核验真伪，并可比对首页所印 SHA-256 摘要。`,
  ];
  heading(doc, '三、说明', textHeight(doc, 'regular', 9.5, notes[0], CONTENT));
  for (const note of notes) {
    ensureSpace(doc, textHeight(doc, 'regular', 9.5, note, CONTENT));
    doc.font('regular').fontSize(9.5).text(note, MARGIN, doc.y, { width: CONTENT });
  }

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

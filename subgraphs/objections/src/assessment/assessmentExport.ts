import ExcelJS from 'exceljs';
import {
  ASSESSMENT_WARNING_ZH,
  chinaTime,
  FEEDBACK_KIND_ZH,
  SCENARIO_SHORT_ZH,
  spreadsheetSafeText,
  term,
} from '@credit/shared';
import type { AssessedFigures, AssessmentResult, RegionFigures, UnitFigures } from './assessment.service';
import { FeedbackKind } from '../feedback/feedbackStatus';

type Cell = string | number | null;
type Row = {
  level: '单位' | '地区';
  code: string;
  name: string | null;
  figures: AssessedFigures;
  reports: number | null;
};

/** The columns of the meeting's table, in order: header and value. */
const COLUMNS: [string, (r: Row) => Cell][] = [
  ['层级', (r) => r.level],
  ['排名', (r) => r.figures.rank],
  ['代码', (r) => r.code],
  ['名称', (r) => r.name],
  ['地区', (r) => r.figures.regionCode],
  ['得分', (r) => r.figures.score],
  ['报送条数', (r) => r.figures.rowsSubmitted],
  ['接收条数', (r) => r.figures.accepted],
  ['新增记录', (r) => r.figures.created],
  ['退回条数', (r) => r.figures.rejected],
  ['退回率', (r) => r.figures.rejectionRate],
  ['迟报条数', (r) => r.figures.lateRows],
  ['及时率', (r) => r.figures.timeliness],
  ['规范率', (r) => r.figures.conformance],
  ['异议件数', (r) => r.figures.objections],
  ['异议已处理', (r) => r.figures.objectionsDecided],
  ['异议处理中位天数', (r) => r.figures.objectionMedianHandlingDays],
  ['异议超期', (r) => r.figures.objectionsOverdue],
  ['咨询', (r) => count(r.figures, FeedbackKind.CONSULTATION)],
  ['应替未替投诉', (r) => r.figures.certificateStillDemanded],
  ['服务投诉', (r) => count(r.figures, FeedbackKind.SERVICE_COMPLAINT)],
  ['应替未替已整改', (r) => r.figures.rectified],
  ['投诉超期', (r) => r.figures.complaintsOverdue],
  ['报告签发', (r) => r.reports],
  ['预警', (r) => r.figures.warnings.map((w) => term(ASSESSMENT_WARNING_ZH, w)).join('、')],
];

const count = (f: AssessedFigures, kind: string) => f.complaints.find((c) => c.key === kind)?.count ?? 0;

function rows(a: AssessmentResult): Row[] {
  return [
    ...a.units.map((u: UnitFigures): Row => ({
      level: '单位',
      code: u.unitCode,
      name: u.name,
      figures: u,
      reports: null,
    })),
    ...a.regions.map((r: RegionFigures): Row => ({
      level: '地区',
      code: r.regionCode,
      name: null,
      figures: r,
      reports: r.reportsIssued,
    })),
  ];
}

/** A text cell a spreadsheet would run as a formula (=, +, -, @) is quoted as text (as in import rejects files). */
const safeText = spreadsheetSafeText;

const csvCell = (v: Cell): string => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV for the assessment meeting: UTF-8 with BOM (so that Excel reads the Chinese), CRLF, units then regions. */
export function assessmentCsv(a: AssessmentResult): Buffer {
  const lines = [COLUMNS.map(([h]) => h), ...rows(a).map((r) => COLUMNS.map(([, get]) => csvCell(get(r))))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** The same table as a workbook: 单位 and 地区 sheets, and 概况 with the reports per scenario and complaints per kind. */
export async function assessmentXlsx(a: AssessmentResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gz-credit-platform';
  wb.created = new Date(a.generatedAt);
  const summary = wb.addWorksheet('概况');
  summary.addRows([
    ['季度', a.quarter],
    ['统计区间', `${a.from} 至 ${a.to}`],
    ['地区', a.regionCode ?? '全省'],
    ['生成时间', chinaTime(a.generatedAt)],
    ['报告签发', a.reportsIssued],
    ['报告撤销', a.reportsRevoked],
    ['报告核验', a.reportsVerified],
    [],
    ['应用场景', '报告签发'],
    ...a.reportsByScenario.map((s) => [term(SCENARIO_SHORT_ZH, s.key), s.count]),
    [],
    ['应用场景', '报告核验'],
    ...a.reportsVerifiedByScenario.map((s) => [term(SCENARIO_SHORT_ZH, s.key), s.count]),
    [],
    ['咨询投诉类别', '件数'],
    ...a.complaintsByKind.map((c) => [term(FEEDBACK_KIND_ZH, c.key), c.count]),
  ]);
  for (const [sheet, level] of [
    ['单位', '单位'],
    ['地区', '地区'],
  ] as const) {
    const ws = wb.addWorksheet(sheet);
    ws.addRow(COLUMNS.map(([h]) => h)).font = { bold: true };
    for (const r of rows(a).filter((x) => x.level === level))
      ws.addRow(COLUMNS.map(([, get]) => get(r)).map((v) => (typeof v === 'string' ? safeText(v) : v)));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

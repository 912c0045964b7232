/**
 * The national 双公示 administrative-penalty columns the desk reads, mapped onto `RecordInput`. The
 * records importer (subgraphs/records/src/import/headers.ts) is the authority for file columns; this
 * is its browser-side copy for the columns the national export has, and
 * tests/browser/uploadColumns.test.ts fails when the two map a sample row differently.
 */
export type RowInput = Record<string, string | string[] | boolean | null>;

type Setter = (row: RowInput, v: string) => void;

const text =
  (field: string): Setter =>
  (row, v) => {
    row[field] = v;
  };

export function normaliseDate(v: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v;
}

/** 万元 to yuan exactly (decimal strings, no floating point); unreadable values go on as written. */
export function wanToYuan(v: string): string | null {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(v);
  if (!m) return null;
  const digits = (m[2] ?? '').padEnd(6, '0');
  // 1 万元 = 10,000 元 = 1,000,000 分: the six decimals of 万元 are the 分.
  const fen = BigInt(m[1] + digits);
  const s = fen.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const date =
  (field: string): Setter =>
  (row, v) => {
    row[field] = normaliseDate(v);
  };
const wan =
  (field: string): Setter =>
  (row, v) => {
    const plain = v.replace(/,/g, '').replace(/万元$/, '').trim();
    row[field] = (plain.startsWith('-') ? null : wanToYuan(plain)) ?? `${plain}万元`;
  };
const SUBJECT_TYPE: Record<string, string> = {
  法人及非法人组织: 'LEGAL_ENTITY',
  法人: 'LEGAL_ENTITY',
  个体工商户: 'INDIVIDUAL_BUSINESS',
  自然人: 'NATURAL_PERSON',
};

export const COLUMNS: Record<string, Setter | null> = {
  行政处罚决定书文号: text('decisionNumber'),
  行政相对人名称: text('subjectName'),
  行政相对人类别: (row, v) => {
    row.subjectType = SUBJECT_TYPE[v] ?? v;
  },
  '行政相对人代码_1(统一社会信用代码)': text('creditCode'),
  证件号码: (row, v) => {
    if (v) row.creditCode = v;
  },
  违法行为类型: text('violationType'),
  违法事实: text('facts'),
  处罚依据: text('legalBasis'),
  处罚类别: (row, v) => {
    row.penaltyTypes = v
      .split(/[;；、,，]/)
      .map((t) => t.trim())
      .filter(Boolean);
  },
  处罚内容: text('penaltyContent'),
  '罚款金额(元)': text('fineAmount'),
  '罚款金额(万元)': wan('fineAmount'),
  '没收违法所得、没收非法财物的金额(元)': text('confiscatedAmount'),
  '没收违法所得、没收非法财物的金额(万元)': wan('confiscatedAmount'),
  处罚决定日期: date('decisionDate'),
  处罚有效期: date('effectiveUntil'),
  公示截止期: date('publicityDeadline'),
  处罚机关: text('decidingAuthority'),
  处罚机关统一社会信用代码: text('decidingAuthorityCode'),
  行政区划代码: text('regionCode'),
  领域代码: text('domainCode'),
  备注: text('remarks'),
  '行政相对人代码_2(工商注册号)': null,
  '行政相对人代码_3(组织机构代码)': null,
  法定代表人: null,
  证件类型: null,
  数据来源单位: null,
  数据来源单位统一社会信用代码: null,
};

export const normaliseHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .replace(/^\*/, '')
    .trim();

/** Resolves the header row; without the decision-number column a file cannot be submitted row by row. */
export function mapHeaders(headers: string[]): { setters: (Setter | null)[]; unknown: string[] } {
  const norm = headers.map(normaliseHeader);
  if (!norm.includes('行政处罚决定书文号')) throw new Error('文件缺少“行政处罚决定书文号”列');
  return { setters: norm.map((h) => COLUMNS[h] ?? null), unknown: headers.filter((_, i) => !(norm[i] in COLUMNS)) };
}

/** One file row as a `RecordInput`: a 双公示 file holds administrative penalties. */
export function rowInput(setters: (Setter | null)[], values: string[], domainCode?: string): RowInput {
  const row: RowInput = { category: 'ADMINISTRATIVE_PENALTY', domainCode: domainCode ?? null };
  setters.forEach((set, i) => {
    const v = (values[i] ?? '').trim();
    if (set && v !== '') set(row, v);
  });
  return row;
}

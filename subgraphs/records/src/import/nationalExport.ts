import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { excel } from './excel';
import iconv from 'iconv-lite';
import { makeCreditCode } from '@credit/shared';
import { csvField } from './csv';

/**
 * The national 双公示 administrative-penalty export as office software writes it: no region or
 * domain column, amounts in 万元, full-width brackets, the subject's other codes and representative.
 */
export const NATIONAL_HEADERS = [
  '行政相对人名称',
  '行政相对人类别',
  '行政相对人代码_1（统一社会信用代码）',
  '行政相对人代码_2（工商注册号）',
  '行政相对人代码_3（组织机构代码）',
  '法定代表人',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '没收违法所得、没收非法财物的金额（万元）',
  '处罚决定日期',
  '处罚有效期',
  '公示截止期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
];

export const EXPORT_FLAVOURS = ['csv-utf8-bom', 'csv-utf8', 'csv-gb18030', 'xlsx'] as const;
export type ExportFlavour = (typeof EXPORT_FLAVOURS)[number];

export interface NationalExportOptions {
  rows: number;
  flavour: ExportFlavour;
  /** Makes decision numbers unique per file. */
  tag: string;
  /** Name of the deciding authority and unit written in every row. */
  authority?: string;
  /** Distinct subjects the rows are spread over (default 200). */
  subjects?: number;
  /** Registration region of the subjects' credit codes (default 520100). */
  subjectRegion?: string;
  /** Add the messes of real exports (default true); false writes only plain valid penalties. */
  messy?: boolean;
}

/** What a correct import of the file must report, by construction. */
export interface ExportExpectation {
  rows: number;
  /** Distinct decisions that become records. */
  records: number;
  /** Rows repeating an earlier decision with a change (a correction further down the file). */
  corrections: number;
  /** Rows repeating an earlier decision unchanged. */
  identicalRepeats: number;
  /** Lawful non-punishments (NON_PUNISHMENT_WORDINGS): excluded, never records. */
  notPunished: number;
  /** Decisions worded close to 不予处罚 that punished (NEAR_MISS_WORDINGS): records, among `records`. */
  nearMisses: number;
  /** Rows with a negative 万元 fine or a wrong check character, and their file row numbers. */
  rejectedRows: number[];
  /** Decision number -> fine in yuan as the last row of that decision gives it (null: none). */
  finalFine: Map<string, string | null>;
  authorityCode: string;
}

/**
 * Lawful non-punishments as real exports word them: [处罚类别, 处罚内容]. An uninformative 处罚类别
 * (其他, 其它, /, 无, empty) leaves the decision to the 处罚内容, wherever in it the decision stands.
 */
export const NON_PUNISHMENT_WORDINGS: readonly (readonly [string, string])[] = [
  ['不予行政处罚', '不予行政处罚（首违不罚）'],
  ['不予处罚', '不予处罚（首违不罚）'],
  ['免予处罚', '免予处罚（首违不罚）'],
  ['其他', '依法不予行政处罚'],
  ['其他', '不予处罚'],
  ['其他', '经研究，决定不予行政处罚'],
  ['其它', '根据《中华人民共和国行政处罚法》第三十三条第一款的规定，决定不予行政处罚。'],
  ['', '当事人违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚'],
  ['/', '免于行政处罚'],
  ['无', '决定对当事人不予行政处罚，责令改正'],
];

/** Worded close to 不予处罚 yet punished (no amount stated): records. [处罚类别, 处罚内容]. */
export const NEAR_MISS_WORDINGS: readonly (readonly [string, string])[] = [
  ['其他', '对违法行为一不予处罚，对违法行为二给予警告'],
  ['警告', '不予罚款，给予警告'],
  ['其他', '当事人不符合不予处罚的条件，予以警告'],
  ['通报批评', '不予行政处罚的申请不予采纳，通报批评'],
];

/** 万元 text for a yuan amount, as the exports write it (no trailing zeros beyond what is needed). */
const wan = (yuan: number) => (yuan / 10_000).toFixed(4).replace(/\.?0+$/, '');

/**
 * Writes a realistic export (for tests, and for measuring the import on 100,000 rows) and returns
 * what importing it must yield. Every tenth decision is corrected further down the file, every
 * 25th row repeats an earlier one unchanged, every 40th is a lawful non-punishment (the wordings in
 * turn), every 45th is worded close to one yet punished, every 97th has a negative fine and every
 * 89th a wrong check character; facts hold commas, quotes and line breaks.
 */
export async function writeNationalExport(file: string, opts: NationalExportOptions): Promise<ExportExpectation> {
  const messy = opts.messy ?? true;
  const authority = opts.authority ?? '贵阳市市场监督管理局';
  const authorityCode = makeCreditCode('11', '520100', 11_300_000);
  const subjects = Array.from({ length: Math.min(opts.subjects ?? 200, opts.rows) }, (_, i) =>
    makeCreditCode('91', opts.subjectRegion ?? '520100', 41_000_000 + i * 13),
  );
  const exp: ExportExpectation = {
    rows: 0,
    records: 0,
    corrections: 0,
    identicalRepeats: 0,
    notPunished: 0,
    nearMisses: 0,
    rejectedRows: [],
    finalFine: new Map(),
    authorityCode,
  };
  const written: string[][] = [];
  const rows: string[][] = [];
  for (let i = 1; rows.length < opts.rows; i++) {
    const fileRow = rows.length + 2; // header is row 1
    const number = `筑市监罚〔${opts.tag}〕${i}号`;
    let code = subjects[i % subjects.length];
    const fine = ((i % 50) + 1) * 1000;
    const day = new Date(Date.UTC(2021, 0, 1) + (i % 1400) * 86_400_000);
    const dateText =
      messy && i % 3 === 0
        ? `${day.getUTCFullYear()}/${day.getUTCMonth() + 1}/${day.getUTCDate()}`
        : day.toISOString().slice(0, 10);
    let category = '罚款';
    let content = `罚款人民币${fine}元`;
    let fineText = wan(fine);
    let kind: 'record' | 'nearMiss' | 'notPunished' | 'rejected' = 'record';
    if (messy && i % 40 === 0) {
      [category, content] = NON_PUNISHMENT_WORDINGS[(i / 40) % NON_PUNISHMENT_WORDINGS.length];
      fineText = '';
      kind = 'notPunished';
    } else if (messy && i % 45 === 0) {
      [category, content] = NEAR_MISS_WORDINGS[(i / 45) % NEAR_MISS_WORDINGS.length];
      fineText = '';
      kind = 'nearMiss';
    } else if (messy && i % 97 === 0) {
      fineText = `-${wan(fine)}`;
      kind = 'rejected';
    } else if (messy && i % 89 === 0) {
      code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      kind = 'rejected';
    }
    const facts =
      messy && i % 7 === 0
        ? `经查，当事人"${i}号店"销售不合格产品，\n违反了《产品质量法》第三十九条。`
        : '经查，当事人销售不合格产品，违反了《产品质量法》第三十九条。';
    const row = [
      `贵阳测试商贸有限公司${i % subjects.length}`,
      '法人及非法人组织',
      code,
      '',
      '',
      '张某某',
      '',
      '',
      number,
      '销售不合格产品',
      facts,
      '《中华人民共和国产品质量法》第四十九条',
      category,
      content,
      fineText,
      messy && kind === 'record' && i % 10 === 0 ? '0.12' : '',
      dateText,
      '',
      '',
      authority,
      authorityCode,
      authority,
      authorityCode,
      '',
    ];
    rows.push(row);
    if (kind === 'rejected') exp.rejectedRows.push(fileRow);
    else if (kind === 'notPunished') exp.notPunished++;
    else {
      exp.records++;
      if (kind === 'nearMiss') exp.nearMisses++;
      exp.finalFine.set(number, kind === 'nearMiss' ? null : `${fine}.00`);
      written.push(row);
    }
    // Further down the file: the same decision again, corrected or as it was.
    if (messy && kind === 'record' && rows.length < opts.rows && i % 10 === 0) {
      const corrected = [...row];
      corrected[14] = wan(fine + 500);
      corrected[13] = `罚款人民币${fine + 500}元`;
      rows.push(corrected);
      exp.corrections++;
      exp.finalFine.set(number, `${fine + 500}.00`);
    } else if (messy && kind === 'record' && rows.length < opts.rows && i % 25 === 0) {
      rows.push([...row]);
      exp.identicalRepeats++;
    }
  }
  exp.rows = rows.length;
  if (opts.flavour === 'xlsx') await writeWorkbook(file, rows);
  else await writeCsv(file, rows, opts.flavour, messy);
  return exp;
}

async function writeWorkbook(file: string, rows: string[][]): Promise<void> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: file, useSharedStrings: true });
  const sheet = wb.addWorksheet('行政处罚');
  sheet.addRow(NATIONAL_HEADERS).commit();
  for (const r of rows) {
    // Office software stores dates as dates and amounts as numbers: so does this file.
    const cells: (string | number | Date)[] = [...r];
    const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(r[16]);
    if (d) cells[16] = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]));
    if (r[14] && !r[14].startsWith('-')) cells[14] = Number(r[14]);
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await wb.commit();
}

async function writeCsv(file: string, rows: string[][], flavour: ExportFlavour, messy: boolean): Promise<void> {
  const out = createWriteStream(file);
  const eol = messy ? '\r\n' : '\n';
  const encode = (text: string) =>
    flavour === 'csv-gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
  const write = async (text: string) => {
    if (!out.write(encode(text))) await once(out, 'drain');
  };
  await write((flavour === 'csv-utf8-bom' ? '\uFEFF' : '') + NATIONAL_HEADERS.join(',') + eol);
  for (let i = 0; i < rows.length; i++) {
    await write(rows[i].map(csvField).join(',') + eol);
  }
  out.end();
  await once(out, 'finish');
}

import { wanToYuan } from '../record/amount';
import { csvRecords, textLines } from './csv';
import { csvRow, jsonRow, mapHeaders, normaliseDate } from './headers';
import { SAMPLE_HEADERS } from './sampleCsv';

async function* chunks(...parts: string[]) {
  for (const p of parts) yield p;
}
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('CSV reader', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM, across chunk boundaries', async () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n1,,3\n';
    const whole = await collect(csvRecords(chunks(text)));
    expect(whole).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
      ['1', '', '3'],
    ]);
    // Every split point gives the same records.
    for (let i = 1; i < text.length; i++) {
      expect(await collect(csvRecords(chunks(text.slice(0, i), text.slice(i))))).toEqual(whole);
    }
  });

  it('reads JSON Lines across chunks', async () => {
    expect(await collect(textLines(chunks('{"a":1}\n{"b"', ':2}\r\n{"c":3}')))).toEqual([
      { text: '{"a":1}', tooLong: false },
      { text: '{"b":2}', tooLong: false },
      { text: '{"c":3}', tooLong: false },
    ]);
  });
});

describe('双公示 header mapping', () => {
  it('maps the national column headers (full-width brackets, 万元 amounts, Chinese labels)', () => {
    const map = mapHeaders(SAMPLE_HEADERS);
    expect(map.unknown).toEqual([]);
    const row = csvRow(map, [
      '黔市监罚〔2025〕1号',
      '行政处罚',
      '是',
      'D07',
      '某公司',
      '个体工商户',
      '92520100MA6DUPK34X',
      '虚假广告',
      '事实',
      '依据',
      '警告、罚款',
      '内容',
      '5000',
      '0.12',
      '2025/3/5',
      '20260305',
      '机关',
      '11520000MB1234567X',
      '520100',
      '备注',
    ]);
    expect(row).toMatchObject({
      decisionNumber: '黔市监罚〔2025〕1号',
      category: 'ADMINISTRATIVE_PENALTY',
      simplifiedProcedure: true,
      domainCode: 'D07',
      subjectType: 'INDIVIDUAL_BUSINESS',
      creditCode: '92520100MA6DUPK34X',
      penaltyTypes: ['警告', '罚款'],
      fineAmount: '5000',
      confiscatedAmount: '1200.00',
      decisionDate: '2025-03-05',
      publicityDeadline: '2026-03-05',
      regionCode: '520100',
      remarks: '备注',
    });
  });

  it('defaults a penalty file without 信息类别 or 领域代码 to penalties of the single-domain unit', () => {
    const map = mapHeaders(['行政处罚决定书文号', '行政相对人名称', '数据来源单位', '自定义列']);
    expect(map.unknown).toEqual(['自定义列']);
    expect(csvRow(map, ['n1', '某公司', '贵州省市场监督管理局', 'x'], { domainCode: 'D07' })).toEqual({
      category: 'ADMINISTRATIVE_PENALTY',
      domainCode: 'D07',
      decisionNumber: 'n1',
      subjectName: '某公司',
    });
  });

  it('refuses a file without a decision-number column', () => {
    expect(() => mapHeaders(['行政相对人名称'])).toThrow('决定书文号');
  });

  it('maps JSON Lines objects by field name or Chinese header', () => {
    expect(jsonRow({ decisionNumber: 'n', fineAmount: 100, 行政相对人类别: '自然人' })).toMatchObject({
      decisionNumber: 'n',
      fineAmount: '100',
      subjectType: 'NATURAL_PERSON',
    });
  });

  it('converts 万元 exactly and normalises dates', () => {
    expect(wanToYuan('1.2345')).toBe('12345.00');
    expect(wanToYuan('0.000001')).toBe('0.01');
    expect(wanToYuan('abc')).toBeNull();
    expect(normaliseDate('2024年3月5日')).toBe('2024-03-05');
    expect(normaliseDate('yesterday')).toBe('yesterday');
  });
});

import { NATIONAL_HEADERS } from '../../subgraphs/records/src/import/nationalExport';
import { csvRow, mapHeaders } from '../../subgraphs/records/src/import/headers';
import { mapHeaders as consoleHeaders, rowInput } from '../../console/src/upload/columns';

// The unit desk maps a 双公示 file in the browser; the records importer is the authority on columns.
// Both must turn the national export's rows into the same submission.
const ROWS = [
  [
    '贵阳乌江医药有限公司',
    '法人及非法人组织',
    '91520100210000754L',
    '',
    '',
    '张晓明',
    '',
    '',
    '黔市监罚〔2025〕7001号',
    '虚假宣传',
    '发布虚假广告',
    '《广告法》第五十五条',
    '罚款；没收违法所得',
    '罚款5000元',
    '0.5',
    '1.23456',
    '2025/3/1',
    '2026.03.01',
    '20270301',
    '贵阳市市场监督管理局',
    '11520100MB1234567P',
    '贵阳市市场监督管理局',
    '11520100MB1234567P',
    '备注',
  ],
  [
    '王建国',
    '自然人',
    '',
    '',
    '',
    '',
    '身份证',
    '520102198506150012',
    '黔市监罚〔2025〕7002号',
    '无照经营',
    '无证经营',
    '《无证无照经营查处办法》',
    '警告',
    '警告',
    '',
    '-1',
    '2025年4月2日',
    '',
    '',
    '贵阳市市场监督管理局',
    '11520100MB1234567P',
    '',
    '',
    '',
  ],
];

describe('the desk reads a 双公示 file as the records importer does', () => {
  it.each(ROWS.map((r, i) => [i + 1, r]))('row %i', (_n, values) => {
    const headers = NATIONAL_HEADERS.map((h, i) => (i === 0 ? `\uFEFF${h}` : h));
    const server = csvRow(mapHeaders(headers), values as string[], { domainCode: 'D07' });
    const browser = rowInput(consoleHeaders(headers).setters, values as string[], 'D07');
    expect(browser).toEqual(JSON.parse(JSON.stringify(server)));
  });

  it('refuses a file without the decision-number column, as the importer does', () => {
    expect(() => mapHeaders(['行政相对人名称'])).toThrow();
    expect(() => consoleHeaders(['行政相对人名称'])).toThrow(/行政处罚决定书文号/);
  });
});

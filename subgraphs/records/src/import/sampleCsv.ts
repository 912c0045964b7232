import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { makeCreditCode } from '@credit/shared';
import { csvField } from './csv';

export const SAMPLE_HEADERS = [
  '行政处罚决定书文号',
  '信息类别',
  '简易程序',
  '领域代码',
  '行政相对人名称',
  '行政相对人类别',
  '行政相对人代码_1(统一社会信用代码)',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（元）',
  '没收违法所得、没收非法财物的金额（万元）',
  '处罚决定日期',
  '公示截止期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '行政区划代码',
  '备注',
];

export interface SampleOptions {
  rows: number;
  domainCode: string;
  /** Makes decision numbers unique per generated file. */
  tag: string;
  /** Every n-th row gets a wrong check character (0: none). */
  invalidEvery?: number;
  /** Distinct subjects the rows are spread over. */
  subjects?: number;
}

/** Writes a 双公示-style CSV of valid penalties (and optionally some invalid rows) for import tests and measurements. */
export async function writeSampleCsv(file: string, opts: SampleOptions): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('\uFEFF' + SAMPLE_HEADERS.join(',') + '\n');
  const subjects = opts.subjects ?? 5000;
  const codes = Array.from({ length: Math.min(subjects, opts.rows) }, (_, i) =>
    makeCreditCode('91', '520100', 40_000_000 + i * 7),
  );
  const authority = makeCreditCode('11', '520000', 11_200_000);
  for (let i = 1; i <= opts.rows; i++) {
    let code = codes[i % codes.length];
    if (opts.invalidEvery && i % opts.invalidEvery === 0) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const day = new Date(Date.UTC(2021, 0, 1) + (i % 1400) * 86_400_000).toISOString().slice(0, 10);
    await write(
      [
        `黔市监罚〔${opts.tag}〕${i}号`,
        '行政处罚',
        i % 4 === 0 ? '是' : '否',
        opts.domainCode,
        `贵阳测试商贸有限公司${i % codes.length}`,
        '法人及非法人组织',
        code,
        '销售不合格产品',
        '经查，当事人销售的产品经抽检不合格，违反了《中华人民共和国产品质量法》第三十九条。',
        '《中华人民共和国产品质量法》第四十九条',
        '警告;罚款',
        `罚款人民币${(i % 50) * 100 + 500}元`,
        `${(i % 50) * 100 + 500}.00`,
        i % 10 === 0 ? '0.12' : '',
        day,
        '',
        '贵阳市市场监督管理局',
        authority,
        '520100',
        '',
      ]
        .map(csvField)
        .join(',') + '\n',
    );
  }
  out.end();
  await once(out, 'finish');
}

import {
  ERROR_CODE_ZH,
  REPORT_STATUS_ZH,
  SCENARIO_SHORT_ZH,
  term,
  VERIFICATION_WARNING_ZH,
} from '../../../shared/src/contracts/terms';
import { fmtTime } from '../api/terms';
import type { PartnerVerifyReportsQuery } from '../graphql/generated/operations';

type Item = PartnerVerifyReportsQuery['verifyReports'][number];

/** What one item comes to, in a word: 真实有效, 真实但有变化, 已撤销, 未通过核验. */
function verdict(item: Item): string {
  const v = item.verification;
  if (!v)
    return item.error?.code === 'NOT_FOUND' ? '未找到（编号或核验码不符）' : term(ERROR_CODE_ZH, item.error?.code);
  if (!v.authentic) return '未通过核验（签名或内容不符）';
  if (v.status !== 'ISSUED') return `真实，但${term(REPORT_STATUS_ZH, v.status)}`;
  return v.current ? '真实有效' : '真实，出具后有变化';
}

/** One row per report checked, in the order given. */
export function VerificationTable({ items }: { items: Item[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="核验结果">
      <table data-testid="verify-results">
        <caption>核验结果（共 {items.length} 份）</caption>
        <thead>
          <tr>
            <th scope="col">报告编号</th>
            <th scope="col">核验结果</th>
            <th scope="col">主体</th>
            <th scope="col">使用场景</th>
            <th scope="col">报告期</th>
            <th scope="col">出具时间</th>
            <th scope="col">提示</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => {
            const v = item.verification;
            return (
              <tr key={`${i}-${item.number}`}>
                <td>{item.number || '—'}</td>
                <td className={v?.authentic && v.current ? 'ok' : 'bad'}>{verdict(item)}</td>
                <td>{v ? v.subjectName : '—'}</td>
                <td>{v ? term(SCENARIO_SHORT_ZH, v.scenario) : '—'}</td>
                <td>{v ? `${v.periodFrom} 至 ${v.periodTo}` : '—'}</td>
                <td>{v ? fmtTime(v.issuedAt) : '—'}</td>
                <td>
                  {v?.warnings.map((w) => term(VERIFICATION_WARNING_ZH, w.code)).join('；') || ''}
                  {v?.supersededBy ? `已重新出具为 ${v.supersededBy}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import type { PortalHistoryQuery } from '../graphql/generated/operations';

type Summary = NonNullable<PortalHistoryQuery['subject']>['recordSummary'];

/** The period's records per domain (分领域汇总). */
export function HistorySummary({ summary, domainName }: { summary: Summary; domainName: (c: string) => string }) {
  const domains = summary.domains.filter((d) => d.records > 0);
  return (
    <>
      <p data-testid="history-summary">
        {summary.from} 至 {summary.to}：共 <strong>{summary.records}</strong> 条记录，其中已修复 {summary.repaired}{' '}
        条；涉及 {domains.length} 个领域。
      </p>
      {domains.length > 0 && (
        <details>
          <summary>分领域汇总</summary>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">分领域汇总</caption>
              <thead>
                <tr>
                  <th scope="col">领域</th>
                  <th scope="col">记录</th>
                  <th scope="col">已修复</th>
                </tr>
              </thead>
              <tbody>
                {domains.map((d) => (
                  <tr key={d.domainCode}>
                    <th scope="row">{domainName(d.domainCode)}</th>
                    <td>{d.records}</td>
                    <td>{d.repaired}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}

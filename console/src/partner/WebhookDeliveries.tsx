import { useState } from 'react';
import { term, WEBHOOK_EVENT_ZH, WEBHOOK_STATUS_ZH } from '../../../shared/src/contracts/terms';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import { PartnerRedeliverDocument, type PartnerSubscriptionsQuery } from '../graphql/generated/operations';

type Delivery = PartnerSubscriptionsQuery['myWebhookDeliveries'][number];

/** The partner's webhook deliveries, newest first; a failed or delivered one can be sent again. */
export function WebhookDeliveries({ deliveries, onChange }: { deliveries: Delivery[]; onChange: () => void }) {
  const [error, setError] = useState<string>();
  const redeliver = async (id: string) => {
    setError(undefined);
    try {
      await call(PartnerRedeliverDocument, { id });
      onChange();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">推送记录</h2>
      {deliveries.length === 0 ? (
        <p className="muted">暂无推送。订阅的报告被撤销、承诺被认定虚假或所涉记录变化时，平台向回调地址推送通知。</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="推送记录">
          <table>
            <thead>
              <tr>
                <th scope="col">报告编号</th>
                <th scope="col">事件</th>
                <th scope="col">状态</th>
                <th scope="col">尝试次数</th>
                <th scope="col">产生时间</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{d.reportNumber}</td>
                  <td>{term(WEBHOOK_EVENT_ZH, d.kind)}</td>
                  <td>{term(WEBHOOK_STATUS_ZH, d.status)}</td>
                  <td>{d.attempts}</td>
                  <td>{fmtTime(d.createdAt)}</td>
                  <td>
                    {d.status !== 'PENDING' && (
                      <button type="button" className="secondary" onClick={() => void redeliver(d.id)}>
                        重新推送
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

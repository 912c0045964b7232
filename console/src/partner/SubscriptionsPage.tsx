import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import {
  PartnerSubscribeDocument,
  PartnerSubscriptionsDocument,
  PartnerUnsubscribeDocument,
  type PartnerSubscriptionsQuery,
} from '../graphql/generated/operations';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookSecretPanel } from './WebhookSecretPanel';

/** Subscriptions to reports' events (撤销、虚假承诺、记录变化), their deliveries and the signing key. */
export function SubscriptionsPage() {
  const [data, setData] = useState<PartnerSubscriptionsQuery>();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const reload = useCallback(() => {
    call(PartnerSubscriptionsDocument, {}).then(setData, (e) => setMessage({ kind: 'error', text: describeError(e) }));
  }, []);
  useEffect(reload, [reload]);
  const subscribe = async () => {
    setMessage(undefined);
    try {
      const r = await call(PartnerSubscribeDocument, {
        number: number.trim().toUpperCase(),
        verificationCode: code.trim().toUpperCase(),
        callbackUrl: url.trim(),
      });
      setMessage({ kind: 'ok', text: `已订阅报告 ${r.subscribeToReport.reportNumber} 的变化通知` });
      setNumber('');
      setCode('');
      reload();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  const cancel = async (id: string) => {
    try {
      await call(PartnerUnsubscribeDocument, { id });
      reload();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  return (
    <>
      <h1>订阅与推送</h1>
      <WebhookSecretPanel />
      <section className="card" aria-labelledby="subscribe-title">
        <h2 id="subscribe-title">订阅报告变化</h2>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void subscribe();
          }}
        >
          <div>
            <label htmlFor="s-number">报告编号</label>
            <input id="s-number" value={number} onChange={(e) => setNumber(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="s-code">核验码</label>
            <input id="s-code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
          </div>
          <div className="wide">
            <label htmlFor="s-url">回调地址（生产环境须为 https 公网地址）</label>
            <input id="s-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />
          </div>
          <div>
            <button type="submit">订阅</button>
          </div>
        </form>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
      </section>
      <section className="card" aria-labelledby="subs-title">
        <h2 id="subs-title">我的订阅</h2>
        {data && data.mySubscriptions.length === 0 && <p className="muted">尚无订阅。</p>}
        {data && data.mySubscriptions.length > 0 && (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="我的订阅">
            <table data-testid="subscriptions">
              <thead>
                <tr>
                  <th scope="col">报告编号</th>
                  <th scope="col">回调地址</th>
                  <th scope="col">订阅时间</th>
                  <th scope="col">状态</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {data.mySubscriptions.map((s) => (
                  <tr key={s.id}>
                    <td>{s.reportNumber}</td>
                    <td className="url-cell">{s.callbackUrl}</td>
                    <td>{fmtTime(s.createdAt)}</td>
                    <td>{s.active ? '订阅中' : `已取消（${fmtTime(s.cancelledAt!)}）`}</td>
                    <td>
                      {s.active && (
                        <button type="button" className="secondary" onClick={() => void cancel(s.id)}>
                          取消订阅
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {data && <WebhookDeliveries deliveries={data.myWebhookDeliveries} onChange={reload} />}
    </>
  );
}

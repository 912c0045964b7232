import { useState } from 'react';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import { PartnerWebhookSecretDocument, type PartnerWebhookSecretMutation } from '../graphql/generated/operations';

type Secret = PartnerWebhookSecretMutation['createWebhookSecret'];

/** A new signing key for the partner's webhooks; the secret is shown once, in this answer only. */
export function WebhookSecretPanel() {
  const [secret, setSecret] = useState<Secret>();
  const [error, setError] = useState<string>();
  const create = async () => {
    if (!window.confirm('生成新密钥后，旧密钥立即停止签名。确定生成？')) return;
    setError(undefined);
    try {
      setSecret((await call(PartnerWebhookSecretDocument, {})).createWebhookSecret);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="secret-title">
      <h2 id="secret-title">推送签名密钥（订阅前须先生成）</h2>
      <p className="muted">平台用该密钥签名每次推送，贵单位据此校验推送来源。密钥只显示这一次，请妥善保存。</p>
      <button type="button" className="secondary" onClick={() => void create()}>
        生成新密钥
      </button>
      {secret && (
        <div className="filters">
          <div>
            <label htmlFor="secret-key-id">密钥编号</label>
            <output id="secret-key-id">{secret.keyId}</output>
          </div>
          <div className="wide">
            {/* In a read-only field: selected and copied whole, never wrapped mid-secret. */}
            <label htmlFor="secret-value">密钥（{fmtTime(secret.createdAt)} 生成）</label>
            <input
              id="secret-value"
              className="secret-value"
              readOnly
              value={secret.secret}
              onFocus={(e) => e.target.select()}
            />
          </div>
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

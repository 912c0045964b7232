import { useEffect, useState } from 'react';
import { ROLE } from '../api/terms';
import { Notice } from '../components/Status';
import { Link } from '../router/Link';
import { sessionFromToken, type Session } from '../session/session';

interface Identity {
  label: string;
  claims: { role: string } & Record<string, unknown>;
}

/**
 * The landing page: what the platform is, and signing in. Outside production the gateway offers demo
 * identities (`/demo/identities`, `/demo/sign-in`); in production those routes do not exist and the
 * console takes the identity provider's token (redirect to `/#access_token=…`, or pasted here).
 */
export function Landing({ session, onSignIn }: { session?: Session; onSignIn: (s: Session) => void }) {
  const [identities, setIdentities] = useState<Identity[] | null | undefined>(undefined);
  const [choice, setChoice] = useState(0);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetch('/demo/identities')
      .then((r) => (r.ok ? r.json() : null))
      .then((body) => setIdentities(body ? (body.identities as Identity[]) : null))
      .catch(() => setIdentities(null));
  }, []);
  const demoSignIn = async () => {
    setError(undefined);
    const id = identities![choice];
    const r = await fetch('/demo/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(id.claims),
    });
    const body = await r.json();
    if (!r.ok) return setError(body.errors?.[0]?.message ?? `HTTP ${r.status}`);
    onSignIn(sessionFromToken(body.token, id.label));
  };
  const tokenSignIn = () => {
    try {
      onSignIn(sessionFromToken(pasted.trim()));
    } catch (e) {
      setError(`令牌无法识别：${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="landing">
      <section className="card intro">
        <h1>一份信用报告，代替一摞无违法违规记录证明</h1>
        <p>
          信用主体免费下载覆盖 43 个领域、近五年的专项信用报告；数据来源单位归集行政处罚等信息并处理异议；
          信用主管部门监测归集质量与报告出具情况。本控制台是平台 GraphQL 接口的参考实现。
        </p>
        <ul className="links">
          <li>
            <a href="/graphiql">GraphQL 调试工具（GraphiQL，离线可用）</a>
          </li>
          <li>
            <a href="/verify">报告核验页（扫码或输入编号与核验码）</a>
          </li>
          <li>
            <Link to="/public/complaint">咨询投诉（无需登录；办事仍被要求提供证明的，可投诉“应替未替”）</Link>
          </li>
          <li>
            <Link to="/public/follow">凭案件编号和查询码查看咨询投诉办理进度</Link>
          </li>
        </ul>
      </section>
      <section className="card signin" aria-labelledby="signin-title">
        <h2 id="signin-title">登录</h2>
        {session && (
          <Notice kind="info">
            已登录：{ROLE[session.role] ?? session.role} {session.label ?? ''}
          </Notice>
        )}
        {identities === undefined && <Notice kind="info">正在读取演示身份…</Notice>}
        {identities && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void demoSignIn();
            }}
          >
            <p className="hint">演示环境：选择一个角色与身份登录（生产环境不提供此入口）。</p>
            <label htmlFor="identity">演示身份</label>
            <select id="identity" value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
              {identities.map((id, i) => (
                <option key={i} value={i}>
                  {ROLE[id.claims.role] ?? id.claims.role} · {id.label}
                </option>
              ))}
            </select>
            <button type="submit">演示登录</button>
          </form>
        )}
        {identities === null && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              tokenSignIn();
            }}
          >
            <p className="hint">请通过统一身份认证登录；或粘贴身份提供方签发的访问令牌（仅保存在本标签页）。</p>
            <label htmlFor="token">访问令牌（Bearer token）</label>
            <textarea id="token" rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
            <button type="submit">使用令牌登录</button>
          </form>
        )}
        {error && <Notice kind="error">{error}</Notice>}
      </section>
    </div>
  );
}

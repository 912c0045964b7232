import { call } from '../api/client';
import { Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { PortalObjectionsDocument } from '../graphql/generated/operations';
import { Link } from '../router/Link';
import type { RouteContext } from '../router/route';
import { ObjectionItem } from './ObjectionItem';

/** /portal/objections: the subject's objections, newest first; they are filed from a record of the history. */
export function ObjectionsPage({ session }: RouteContext) {
  const creditCode = session.creditCode!;
  const { data, error } = useLoad(() => call(PortalObjectionsDocument, { creditCode }), [creditCode]);
  const list = data?.subject?.objections ?? [];
  return (
    <div className="page">
      <h1>我的异议</h1>
      <section className="card" aria-labelledby="objections-title">
        <h2 id="objections-title">异议办理情况</h2>
        <p className="muted">
          对某条记录有异议，请在<Link to="/portal/history">信用记录</Link>中该记录下提出。
        </p>
        {error && <Notice kind="error">{error}</Notice>}
        {!data && !error && <Notice kind="info">正在读取…</Notice>}
        {list.length === 0 && data && <p>暂无异议。</p>}
        <ul className="objections">
          {list.map((o) => (
            <ObjectionItem key={o.id} objection={o} />
          ))}
        </ul>
      </section>
    </div>
  );
}

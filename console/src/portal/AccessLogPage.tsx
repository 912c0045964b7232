import { call } from '../api/client';
import { accessActionZh, fmtTime, ROLE, term } from '../api/terms';
import { Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { PortalAccessLogDocument } from '../graphql/generated/operations';
import type { RouteContext } from '../router/route';
import { navigate, withSearch } from '../router/router';

const VIEWER_ROLES = ['PARTNER', 'OPERATOR', 'SOURCE_UNIT', 'LEAD_DEPARTMENT', 'SERVICE'];

/** /portal/access-log: who read the subject's credit information (谁查看了我); the role filter is in the address. */
export function AccessLogPage({ session, place }: RouteContext) {
  const creditCode = session.creditCode!;
  const role = place.search.get('role') ?? '';
  const { data, error } = useLoad(
    () => call(PortalAccessLogDocument, { creditCode, filter: role ? { roles: [role] } : null }),
    [creditCode, role],
  );
  const log = data?.subject?.accessLog;
  return (
    <div className="page">
      <h1>谁查看了我</h1>
      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title">最近 30 次查看</h2>
        <label htmlFor="a-role">查看者角色</label>
        <select
          id="a-role"
          value={role}
          onChange={(e) => navigate(withSearch(place, { role: e.target.value }), { replace: true })}
        >
          <option value="">全部</option>
          {VIEWER_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE[r]}
            </option>
          ))}
        </select>
        {error && <Notice kind="error">{error}</Notice>}
        <div className="table-wrap">
          <table data-testid="access-log">
            <caption className="sr-only">访问记录</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">查看者</th>
                <th scope="col">角色</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {log?.edges.map((e, i) => (
                <tr key={i}>
                  <td>{fmtTime(e.node.at)}</td>
                  <td>{e.node.actor}</td>
                  <td>{term(ROLE, e.node.role)}</td>
                  <td>{accessActionZh(e.node.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {log && log.edges.length === 0 && <p>暂无查看记录。</p>}
        {log && log.anonymousVerifications.length > 0 && (
          <p className="muted">
            匿名核验：
            {log.anonymousVerifications.map((v) => `${v.day} 报告 ${v.target ?? ''} ${v.count} 次`).join('；')}
          </p>
        )}
      </section>
    </div>
  );
}

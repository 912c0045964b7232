import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { CATALOGUE_FIELD, CATALOGUE_REVISION, fmtTime, SCENARIO, term } from '../api/terms';
import { HistoryList } from '../components/HistoryList';
import { Notice } from '../components/Status';
import { AdminMatterHistoryDocument, type AdminMatterHistoryQuery } from '../graphql/generated/operations';
import { actorZh } from './actorZh';

type Revision = AdminMatterHistoryQuery['substitutionMatter']['history'][number];

/** A value of a revision (JSON) as people read it: scenario and domains by name, a state as 启用/停用. */
function valueZh(field: string, json: string | null | undefined, domainName: (code: string) => string): string {
  if (json == null) return '（无）';
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (field === 'scenario') return term(SCENARIO, String(v));
  if (field === 'active') return v ? '启用' : '停用';
  if (Array.isArray(v)) return v.map((c) => (field === 'domainCodes' ? domainName(String(c)) : String(c))).join('、');
  return String(v);
}

/**
 * Every version of a matter, newest first: what changed from what to what, who, when and why. Read
 * when shown, and again when the matter's version moves.
 */
export function MatterHistory(props: { code: string; version: number; domainName: (code: string) => string }) {
  const [history, setHistory] = useState<Revision[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(AdminMatterHistoryDocument, { code: props.code }).then(
      (d) => setHistory(d.substitutionMatter.history),
      (e) => setError(describeError(e)),
    );
  }, [props.code, props.version]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!history) return <p className="muted">正在读取变更历史…</p>;
  return (
    <HistoryList
      testId="matter-history"
      items={history.map((r) => ({
        key: String(r.version),
        at: fmtTime(r.at),
        title: `第 ${r.version} 版 · ${term(CATALOGUE_REVISION, r.kind)}`,
        who: actorZh(r.actor),
        detail: (
          <>
            {r.reason && <div>原因：{r.reason}</div>}
            {r.kind !== 'DEFINE' && r.changes.length > 0 && (
              <ul className="changes">
                {r.changes.map((c) => (
                  <li key={c.field}>
                    {term(CATALOGUE_FIELD, c.field)}：{valueZh(c.field, c.from, props.domainName)} →{' '}
                    {valueZh(c.field, c.to, props.domainName)}
                  </li>
                ))}
              </ul>
            )}
          </>
        ),
      }))}
    />
  );
}

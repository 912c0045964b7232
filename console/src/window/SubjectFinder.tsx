import { useState } from 'react';
import { SUBJECT_KIND_ZH, term } from '../../../shared/src/contracts/terms';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import {
  WindowFindSubjectsDocument,
  WindowSubjectDocument,
  type WindowSubjectQuery,
} from '../graphql/generated/operations';

export type WindowSubject = NonNullable<WindowSubjectQuery['subject']>;

/** 18 characters of the code alphabet: a unified social credit code or a resident ID number. */
const looksLikeCode = (q: string) => /^[0-9A-Z]{18}$/.test(q);

/**
 * Step 1: the subject the person at the window comes for, by its unified social credit code (or a
 * person's ID number), or by part of an organisation's name, chosen from the matches.
 */
export function SubjectFinder(props: { onFound: (s: WindowSubject) => void }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<WindowSubject[]>();
  const [error, setError] = useState<string>();
  const find = async () => {
    setError(undefined);
    setMatches(undefined);
    const q = query.trim().toUpperCase();
    try {
      if (looksLikeCode(q)) {
        const r = await call(WindowSubjectDocument, { creditCode: q });
        if (!r.subject) setError('未找到该主体：请核对统一社会信用代码（或身份证号码）');
        else props.onFound(r.subject);
      } else {
        const r = await call(WindowFindSubjectsDocument, { nameContains: query.trim() });
        setMatches(r.subjects.edges.map((e) => e.node));
      }
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="find-title">
      <h2 id="find-title">第一步：查找信用主体</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <div className="wide">
          <label htmlFor="w-code">统一社会信用代码或名称（自然人请输入身份证号码）</label>
          <input
            id="w-code"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            maxLength={50}
            required
          />
        </div>
        <div>
          <button type="submit">查找</button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {matches && matches.length === 0 && <Notice kind="info">没有名称含“{query.trim()}”的主体</Notice>}
      {matches && matches.length > 0 && (
        <ul className="window-matches" aria-label="查找结果">
          {matches.map((s) => (
            <li key={s.creditCode}>
              <button type="button" className="secondary" onClick={() => props.onFound(s)}>
                {s.name}（{term(SUBJECT_KIND_ZH, s.kind)}，{s.creditCode}）
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

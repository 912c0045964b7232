import { useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import { WindowSubjectDocument, type WindowSubjectQuery } from '../graphql/generated/operations';

export type WindowSubject = NonNullable<WindowSubjectQuery['subject']>;

/** Step 1: the subject the person at the window comes for, by its unified social credit code or ID number. */
export function SubjectFinder(props: { onFound: (s: WindowSubject) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const find = async () => {
    setError(undefined);
    try {
      const r = await call(WindowSubjectDocument, { creditCode: code.trim().toUpperCase() });
      if (!r.subject) setError('未找到该主体：请核对统一社会信用代码（或身份证号码）');
      else props.onFound(r.subject);
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
          <label htmlFor="w-code">统一社会信用代码（自然人为身份证号码）</label>
          <input
            id="w-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            maxLength={18}
            required
          />
        </div>
        <div>
          <button type="submit">查找</button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

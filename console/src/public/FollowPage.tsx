import { useState } from 'react';
import { call, describeError } from '../api/client';
import { FeedbackCase } from '../complaints/FeedbackCase';
import { Notice } from '../components/Status';
import { PublicFeedbackCaseDocument, type PublicFeedbackCaseQuery } from '../graphql/generated/operations';
import type { RouteContext } from '../router/route';
import { typedCode } from './AccessCode';

/**
 * /public/follow: an anonymous filer reads its case with the number and the access code. The number
 * may come in the address (from the receipt); the code never does, so it stays out of the history.
 */
export function FollowPage({ place }: RouteContext) {
  const [number, setNumber] = useState(place.search.get('number') ?? '');
  const [code, setCode] = useState('');
  const [found, setFound] = useState<PublicFeedbackCaseQuery['feedbackCase']>();
  const [error, setError] = useState<string>();
  const look = async () => {
    setError(undefined);
    setFound(undefined);
    try {
      const r = await call(
        PublicFeedbackCaseDocument,
        { number: number.trim().toUpperCase(), accessCode: typedCode(code) },
        { anonymous: true },
      );
      setFound(r.feedbackCase);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <div className="page">
      <h1>查询咨询投诉办理进度</h1>
      <section className="card" aria-labelledby="follow-title">
        <h2 id="follow-title">凭编号查询</h2>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void look();
          }}
        >
          <div>
            <label htmlFor="c-number">案件编号</label>
            <input
              id="c-number"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              required
              placeholder="如 GZTS-2026-000042"
            />
          </div>
          <div>
            <label htmlFor="c-code">查询码</label>
            <input id="c-code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
          </div>
          <div>
            <button type="submit">查询</button>
          </div>
        </form>
        {error && <Notice kind="error">{error}</Notice>}
      </section>
      {found && (
        <section className="card" aria-labelledby="case-title">
          <h2 id="case-title">办理进度</h2>
          <FeedbackCase item={found} as="div" />
        </section>
      )}
    </div>
  );
}

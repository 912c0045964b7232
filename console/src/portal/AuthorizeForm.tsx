import { useState } from 'react';
import { call, describeError } from '../api/client';
import { isoDate } from '../api/terms';
import { PortalAuthorizeDocument } from '../graphql/generated/operations';

/** Lets a report user (partner) see the report's details until a day. */
export function AuthorizeForm(props: {
  number: string;
  onDone: (message: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const [partner, setPartner] = useState('');
  const [until, setUntil] = useState(() => isoDate(new Date(Date.now() + 30 * 86_400_000)));
  const id = props.number;
  const authorise = async () => {
    try {
      await call(PortalAuthorizeDocument, { number: props.number, partnerId: partner, until });
      props.onDone({ kind: 'ok', text: `已授权 ${partner} 查看至 ${until}` });
    } catch (e) {
      props.onDone({ kind: 'error', text: describeError(e) });
    }
  };
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        void authorise();
      }}
    >
      <label htmlFor={`p-${id}`}>授权报告使用方（编号）</label>
      <input
        id={`p-${id}`}
        value={partner}
        onChange={(e) => setPartner(e.target.value)}
        required
        placeholder="如 sc-credit"
      />
      <label htmlFor={`u-${id}`}>授权截止</label>
      <input id={`u-${id}`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      <button type="submit" className="secondary">
        授权查看明细
      </button>
    </form>
  );
}

import { useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import { WindowSubjectDocument } from '../graphql/generated/operations';
import type { WindowSubject } from '../window/SubjectFinder';
import { Keypad } from './Keypad';

/**
 * The terminal's first screen. A real terminal reads the person's ID card and asks for the code of
 * the subject it acts for; this console models the card reading as entering that code (the keypad, or
 * the field where a card reader or scanner types it).
 */
export function KioskCodeEntry({ onFound }: { onFound: (s: WindowSubject) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const find = async () => {
    setError(undefined);
    try {
      const r = await call(WindowSubjectDocument, { creditCode: code });
      if (r.subject) onFound(r.subject);
      else setError('未找到该主体，请核对后重新输入');
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card kiosk-step" aria-labelledby="kiosk-code-title">
      <h2 id="kiosk-code-title">请刷身份证，并输入统一社会信用代码</h2>
      <p className="muted">演示：刷身份证以输入代码代替。自然人请输入身份证号码。</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label htmlFor="kiosk-code">统一社会信用代码</label>
        <input
          id="kiosk-code"
          className="kiosk-code"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase().slice(0, 18))}
          autoComplete="off"
          inputMode="none"
        />
        <Keypad value={code} max={18} onChange={setCode} />
        <button type="submit" className="kiosk-primary" disabled={code.length !== 18}>
          确认
        </button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

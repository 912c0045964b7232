import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { Notice } from '../components/Status';
import { AdminAddDomainDocument } from '../graphql/generated/operations';
import { useAction } from '../components/useAction';

/** Adds a domain as work proceeds (the plan lets the catalogue grow). */
export function DomainForm({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await action.run(
        () => call(AdminAddDomainDocument, { input: { code, nameZh, nameEn } }),
        `已新增领域“${nameZh.trim()}”（${code.trim().toUpperCase()}）。`,
      )
    ) {
      setCode('');
      setNameZh('');
      setNameEn('');
      onDone();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="新增领域">
      <div className="form-grid">
        <div>
          <label htmlFor="domain-code">领域编码</label>
          <input
            id="domain-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="如 D44"
            autoComplete="off"
            required
          />
        </div>
        <div>
          <label htmlFor="domain-name-zh">中文名称</label>
          <input id="domain-name-zh" value={nameZh} onChange={(e) => setNameZh(e.target.value)} required />
        </div>
        <div>
          <label htmlFor="domain-name-en">英文名称（对接国家平台用）</label>
          <input id="domain-name-en" lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} required />
        </div>
      </div>
      <button type="submit" disabled={action.busy}>
        新增领域
      </button>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
    </form>
  );
}

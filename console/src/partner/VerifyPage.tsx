import { useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import { PartnerVerifyReportsDocument, type PartnerVerifyReportsQuery } from '../graphql/generated/operations';
import { parsePastedList } from './pastedList';
import { VerificationTable } from './VerificationTable';

const MAX_BATCH = 100;

/** A report user checks one report, or a pasted list of up to 100 (verifyReports: one result per line). */
export function VerifyPage() {
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [list, setList] = useState('');
  const [items, setItems] = useState<PartnerVerifyReportsQuery['verifyReports']>();
  const [error, setError] = useState<string>();
  const verify = async (reports: { number: string; verificationCode: string }[]) => {
    setError(undefined);
    if (reports.length === 0) return setError('请至少填写一份报告');
    if (reports.length > MAX_BATCH) return setError(`一次最多核验 ${MAX_BATCH} 份，当前 ${reports.length} 份`);
    try {
      setItems((await call(PartnerVerifyReportsDocument, { items: reports })).verifyReports);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <>
      <h1>报告核验</h1>
      <section className="card" aria-labelledby="one-title">
        <h2 id="one-title">核验一份报告</h2>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void verify([{ number: number.trim().toUpperCase(), verificationCode: code.trim().toUpperCase() }]);
          }}
        >
          <div>
            <label htmlFor="v-number">报告编号</label>
            <input id="v-number" value={number} onChange={(e) => setNumber(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="v-code">核验码</label>
            <input id="v-code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
          </div>
          <div>
            <button type="submit">核验</button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="batch-title">
        <h2 id="batch-title">批量核验</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void verify(parsePastedList(list));
          }}
        >
          <label htmlFor="v-list">报告清单（每行一份：报告编号 核验码，可从表格直接粘贴，最多 {MAX_BATCH} 份）</label>
          <textarea id="v-list" rows={6} value={list} onChange={(e) => setList(e.target.value)} required />
          <button type="submit">批量核验</button>
        </form>
      </section>
      {error && <Notice kind="error">{error}</Notice>}
      {items && (
        <section className="card" aria-labelledby="results-title">
          <h2 id="results-title">核验结果</h2>
          <VerificationTable items={items} />
        </section>
      )}
    </>
  );
}

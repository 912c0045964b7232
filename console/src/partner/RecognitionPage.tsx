import { useState } from 'react';
import { RECOGNITION_WARNING_ZH, term } from '../../../shared/src/contracts/terms';
import { call, describeError } from '../api/client';
import { fmtTime } from '../api/terms';
import { Notice } from '../components/Status';
import { PartnerRecognizeDocument, type PartnerRecognizeMutation } from '../graphql/generated/operations';

type Result = PartnerRecognizeMutation['recognizeExternalReport'];

/** Another province's signed report: checked against its trusted key and, when it holds, recognised (互认). */
export function RecognitionPage() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const recognise = async () => {
    setError(undefined);
    setResult(undefined);
    try {
      setResult((await call(PartnerRecognizeDocument, { document: text })).recognizeExternalReport);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const r = result?.recognition;
  return (
    <>
      <h1>外省报告互认</h1>
      <section className="card" aria-labelledby="recognise-title">
        <h2 id="recognise-title">认可外省出具的信用报告</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void recognise();
          }}
        >
          <label htmlFor="x-document">外省报告的签名文件（全文粘贴）</label>
          <textarea id="x-document" rows={8} value={text} onChange={(e) => setText(e.target.value)} required />
          <button type="submit">核验并认可</button>
        </form>
        {error && <Notice kind="error">{error}</Notice>}
        {result && !result.recognized && (
          <Notice kind="error">未予认可：签名未能用受信任的外省密钥核验，或报告内容不完整。</Notice>
        )}
        {result?.problem && (
          <details>
            <summary>技术细节</summary>
            <p>{result.problem}</p>
          </details>
        )}
      </section>
      {r && (
        <section className="card" aria-labelledby="recognised-title">
          <h2 id="recognised-title">已认可</h2>
          <dl className="facts">
            <dt>外省报告编号</dt>
            <dd>{r.externalNumber}</dd>
            <dt>出具省份代码</dt>
            <dd>{r.issuerProvince}</dd>
            <dt>主体</dt>
            <dd>
              {r.subjectName}（{r.creditCode}）
            </dd>
            <dt>报告期</dt>
            <dd>
              {r.periodFrom} 至 {r.periodTo}
            </dd>
            <dt>认可时间</dt>
            <dd>{fmtTime(r.recognizedAt)}</dd>
          </dl>
          {result!.warnings.map((w) => (
            <Notice key={w.field + w.code} kind="info">
              {term(RECOGNITION_WARNING_ZH, w.code)}
              {w.registeredName ? `：本省登记名称为“${w.registeredName}”` : ''}
            </Notice>
          ))}
        </section>
      )}
    </>
  );
}

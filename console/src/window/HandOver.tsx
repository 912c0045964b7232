import { useState } from 'react';

/** One value the subject takes away, large and copyable. */
function Copyable({ label, value, id }: { label: string; value: string; id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="handover-item">
      <span className="handover-label" id={`${id}-label`}>
        {label}
      </span>
      <output className="handover-value" aria-labelledby={`${id}-label`} data-testid={id}>
        {value}
      </output>
      <button
        type="button"
        className="secondary no-print"
        aria-label={`复制${label}`}
        onClick={() =>
          navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? '已复制' : '复制'}
      </button>
    </div>
  );
}

/**
 * Step 5: what the subject hands to the report user: the report number and its verification code
 * (the user checks the report with both); the code is shown here and on the PDF only.
 */
export function HandOver(props: { number: string; verificationCode: string | null | undefined }) {
  return (
    <section className="card handover" aria-labelledby="handover-title">
      <h2 id="handover-title">交付：报告编号与核验码</h2>
      <Copyable label="报告编号" value={props.number} id="handover-number" />
      {props.verificationCode && <Copyable label="核验码" value={props.verificationCode} id="handover-code" />}
      <p className="muted">报告使用方凭报告编号和核验码在“信用中国（贵州）”网站核验报告真伪。</p>
    </section>
  );
}

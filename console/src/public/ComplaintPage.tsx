import { useState } from 'react';
import { FeedbackForm, type Receipt } from '../complaints/FeedbackForm';
import { Link } from '../router/Link';
import { AccessCode } from './AccessCode';

/**
 * /public/complaint: anyone files a consultation or a complaint (incl. 应替未替: an office still demanded
 * a certificate the report replaces) without signing in, then keeps the case number and access code.
 */
export function ComplaintPage() {
  const [receipt, setReceipt] = useState<Receipt>();
  return (
    <div className="page">
      <h1>咨询投诉（无需登录）</h1>
      {receipt ? (
        <section className="card receipt" aria-labelledby="receipt-title" data-testid="receipt">
          <h2 id="receipt-title">已提交</h2>
          <dl className="facts">
            <dt>案件编号</dt>
            <dd data-testid="case-number">{receipt.number}</dd>
            <dt>查询码</dt>
            <dd>{receipt.accessCode ? <AccessCode code={receipt.accessCode} /> : '—'}</dd>
          </dl>
          <p className="notice notice-info">
            请记下案件编号和查询码：查询码只显示这一次，凭编号和查询码可随时查看办理进度和答复。
          </p>
          <p>
            <Link to={`/public/follow?number=${encodeURIComponent(receipt.number)}`}>查看办理进度</Link>
            {' · '}
            <button type="button" className="secondary" onClick={() => setReceipt(undefined)}>
              再提交一件
            </button>
          </p>
        </section>
      ) : (
        <section className="card" aria-labelledby="file-title">
          <h2 id="file-title">提交咨询或投诉</h2>
          <p className="muted">
            办事时被要求提供“无违法违规记录证明”、不接受专项信用报告的，请选择“应替未替投诉”，写明单位和事项；
            我们将转其主管单位核实整改，并通过您留下的联系方式答复。已提交的，可
            <Link to="/public/follow">凭编号和查询码查看进度</Link>。
          </p>
          <FeedbackForm anonymous onFiled={setReceipt} />
        </section>
      )}
    </div>
  );
}

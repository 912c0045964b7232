import { call } from '../api/client';
import { FeedbackCase } from '../complaints/FeedbackCase';
import { FeedbackForm } from '../complaints/FeedbackForm';
import { Notice } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { PortalFeedbacksDocument } from '../graphql/generated/operations';

/** /portal/complaints: file a consultation or complaint (incl. 应替未替) and follow the subject's own cases. */
export function ComplaintsPage() {
  const { data, error, reload } = useLoad(() => call(PortalFeedbacksDocument, {}), []);
  const list = data?.feedbacks.edges.map((e) => e.node) ?? [];
  return (
    <div className="page">
      <h1>咨询投诉</h1>
      <section className="card" aria-labelledby="feedback-title">
        <h2 id="feedback-title">提交咨询投诉</h2>
        <FeedbackForm onFiled={reload} />
      </section>
      <section className="card" aria-labelledby="feedbacks-title">
        <h2 id="feedbacks-title">我的咨询投诉</h2>
        {error && <Notice kind="error">{error}</Notice>}
        {list.length === 0 && data && <p>暂无咨询或投诉。</p>}
        <ul className="objections" aria-label="我的咨询投诉">
          {list.map((f) => (
            <FeedbackCase key={f.id} item={f} />
          ))}
        </ul>
      </section>
    </div>
  );
}

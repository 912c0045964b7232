import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { FEEDBACK_ACTION, FEEDBACK_KIND, FEEDBACK_STATUS, fmtTime, isoDate, ROLE, term } from '../api/terms';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import {
  PortalFeedbacksDocument,
  PortalFileFeedbackDocument,
  PortalMattersDocument,
  type FeedbackKind,
  type PortalFeedbacksQuery,
  type PortalMattersQuery,
} from '../graphql/generated/operations';

const DEMANDED = 'CERTIFICATE_STILL_DEMANDED';

/** The subject's 咨询投诉: file a consultation or a complaint (incl. 应替未替) and follow its own cases. */
export function PortalFeedback() {
  const [data, setData] = useState<PortalFeedbacksQuery>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    call(PortalFeedbacksDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, []);
  useEffect(reload, [reload]);
  const list = data?.feedbacks.edges.map((e) => e.node) ?? [];
  return (
    <section className="card" aria-labelledby="feedback-title">
      <h2 id="feedback-title">咨询投诉</h2>
      <FeedbackForm onFiled={reload} />
      {error && <Notice kind="error">{error}</Notice>}
      {list.length === 0 && data && <p>暂无咨询或投诉。</p>}
      <ul className="objections" aria-label="我的咨询投诉">
        {list.map((f) => (
          <li key={f.id} className="objection" data-testid="feedback">
            <div className="record-head">
              <strong>{f.number}</strong>
              <span className="tag">{term(FEEDBACK_STATUS, f.status)}</span>
              {f.overdue && <span className="tag tag-warn">已逾期</span>}
            </div>
            <div className="muted">
              {term(FEEDBACK_KIND, f.kind)} · 提交于 {fmtTime(f.filedAt)}
              {f.dueDate && (
                <>
                  {' · 办理期限 '}
                  <DueDate date={f.dueDate} provisional={f.dueDateProvisional} />
                </>
              )}
            </div>
            {f.officeName && (
              <div>
                索要证明的单位：{f.officeName}
                {f.matter ? `（${f.matter}${f.demandedOn ? `，${f.demandedOn}` : ''}）` : ''}
              </div>
            )}
            <div>内容：{f.content}</div>
            {f.answer && <div>答复：{f.answer}</div>}
            <ol className="timeline" aria-label={`${f.number} 办理进度`}>
              {f.timeline.map((t) => (
                <li key={t.seq}>
                  <span className="muted">{fmtTime(t.at)}</span> {term(FEEDBACK_ACTION, t.action)}（{term(ROLE, t.role)}
                  ）{t.note ? `：${t.note}` : ''}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Matter = PortalMattersQuery['substitutionMatters'][number];

function FeedbackForm({ onFiled }: { onFiled: () => void }) {
  const [kind, setKind] = useState('CONSULTATION');
  const [content, setContent] = useState('');
  const [office, setOffice] = useState('');
  const [matterCode, setMatterCode] = useState('');
  const [matterText, setMatterText] = useState('');
  const [demandedOn, setDemandedOn] = useState(isoDate());
  const [matters, setMatters] = useState<Matter[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const demanded = kind === DEMANDED;
  useEffect(() => {
    if (demanded && matters.length === 0)
      call(PortalMattersDocument, {}).then(
        (r) => setMatters(r.substitutionMatters),
        () => undefined,
      );
  }, [demanded, matters.length]);
  const submit = async () => {
    setMessage(undefined);
    const matter = matters.find((m) => m.code === matterCode);
    try {
      const r = await call(PortalFileFeedbackDocument, {
        input: {
          kind: kind as FeedbackKind,
          content,
          ...(demanded
            ? {
                office: { name: office },
                matter: matter?.name ?? matterText,
                ...(matter ? { matterCode: matter.code } : {}),
                demandedOn,
              }
            : {}),
        },
      });
      setMessage({ kind: 'ok', text: `已提交，编号 ${r.fileFeedback.feedback.number}` });
      setContent('');
      onFiled();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div>
        <label htmlFor="f-kind">类型</label>
        <select id="f-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {Object.entries(FEEDBACK_KIND).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {demanded && (
        <>
          <div>
            <label htmlFor="f-office">仍要求提供证明的单位</label>
            <input id="f-office" value={office} onChange={(e) => setOffice(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="f-matter">办理事项</label>
            <select id="f-matter" value={matterCode} onChange={(e) => setMatterCode(e.target.value)}>
              <option value="">其他事项（自行填写）</option>
              {matters.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {!matterCode && (
            <div>
              <label htmlFor="f-matter-text">事项名称</label>
              <input id="f-matter-text" value={matterText} onChange={(e) => setMatterText(e.target.value)} required />
            </div>
          )}
          <div>
            <label htmlFor="f-demanded">索要证明日期</label>
            <input id="f-demanded" type="date" value={demandedOn} onChange={(e) => setDemandedOn(e.target.value)} />
          </div>
        </>
      )}
      <div className="wide">
        <label htmlFor="f-content">{demanded ? '情况说明' : '咨询或投诉内容'}</label>
        <textarea id="f-content" rows={3} value={content} onChange={(e) => setContent(e.target.value)} required />
      </div>
      <div>
        <button type="submit">提交咨询投诉</button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

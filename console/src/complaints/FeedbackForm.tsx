import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { FEEDBACK_KIND, isoDate } from '../api/terms';
import { Notice } from '../components/Status';
import {
  PortalFileFeedbackDocument,
  PortalMattersDocument,
  PublicFileFeedbackDocument,
  type FeedbackKind,
  type FileFeedbackInput,
  type PortalMattersQuery,
} from '../graphql/generated/operations';

const DEMANDED = 'CERTIFICATE_STILL_DEMANDED';

type Matter = PortalMattersQuery['substitutionMatters'][number];

/** A filed case: its number, and for an anonymous filer the access code to follow it with. */
export interface Receipt {
  number: string;
  accessCode: string | null;
}

/**
 * Files a consultation or a complaint (incl. 应替未替: the office, the catalogue's matter, the day).
 * `anonymous`: filed without a token (the public page), with a phone or e-mail to be answered by.
 */
export function FeedbackForm({ anonymous = false, onFiled }: { anonymous?: boolean; onFiled: (r: Receipt) => void }) {
  const [kind, setKind] = useState('CONSULTATION');
  const [content, setContent] = useState('');
  const [office, setOffice] = useState('');
  const [matterCode, setMatterCode] = useState('');
  const [matterText, setMatterText] = useState('');
  const [demandedOn, setDemandedOn] = useState(isoDate());
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [matters, setMatters] = useState<Matter[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const demanded = kind === DEMANDED;
  useEffect(() => {
    if (demanded && matters.length === 0)
      call(PortalMattersDocument, {}, { anonymous }).then(
        (r) => setMatters(r.substitutionMatters),
        (e) => setMessage({ kind: 'error', text: describeError(e) }),
      );
  }, [demanded, matters.length, anonymous]);
  const submit = async () => {
    setMessage(undefined);
    const matter = matters.find((m) => m.code === matterCode);
    const input: FileFeedbackInput = {
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
    };
    try {
      let receipt: Receipt;
      if (anonymous) {
        const c = Object.fromEntries(Object.entries(contact).filter(([, v]) => v.trim()));
        const r = await call(PublicFileFeedbackDocument, { input: { ...input, contact: c } }, { anonymous: true });
        receipt = { number: r.fileFeedback.feedback.number, accessCode: r.fileFeedback.accessCode ?? null };
      } else {
        const r = await call(PortalFileFeedbackDocument, { input });
        receipt = { number: r.fileFeedback.feedback.number, accessCode: null };
        setMessage({ kind: 'ok', text: `已提交，编号 ${receipt.number}` });
      }
      setContent('');
      onFiled(receipt);
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  const field = (name: 'name' | 'phone' | 'email') => ({
    value: contact[name],
    onChange: (e: { target: { value: string } }) => setContact((c) => ({ ...c, [name]: e.target.value })),
  });
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
      {anonymous && (
        <fieldset className="wide contact">
          <legend>联系方式（手机或电子邮箱至少填一项，用于答复您）</legend>
          <div>
            <label htmlFor="f-contact-name">联系人（可不填）</label>
            <input id="f-contact-name" autoComplete="name" {...field('name')} />
          </div>
          <div>
            <label htmlFor="f-contact-phone">手机或座机</label>
            <input id="f-contact-phone" type="tel" autoComplete="tel" {...field('phone')} />
          </div>
          <div>
            <label htmlFor="f-contact-email">电子邮箱</label>
            <input id="f-contact-email" type="email" autoComplete="email" {...field('email')} />
          </div>
        </fieldset>
      )}
      <div>
        <button type="submit">提交咨询投诉</button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

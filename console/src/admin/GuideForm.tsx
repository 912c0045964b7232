import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { Notice } from '../components/Status';
import { AdminUpdateGuideDocument, type AdminGuidesQuery } from '../graphql/generated/operations';
import { useAction } from '../components/useAction';

type Guide = AdminGuidesQuery['serviceGuides'][number];

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Edits one channel's guide; only the fields changed are sent, and the guide's version goes up by one. */
export function GuideForm({ guide, onDone }: { guide: Guide; onDone: () => void }) {
  const [title, setTitle] = useState(guide.title);
  const [summary, setSummary] = useState(guide.summary);
  const [steps, setSteps] = useState(guide.steps.join('\n'));
  const [materials, setMaterials] = useState(guide.materials.join('\n'));
  const [access, setAccess] = useState(guide.access);
  const [contact, setContact] = useState(guide.contact);
  const action = useAction();
  const id = (f: string) => `guide-${guide.channel}-${f}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      ...(title !== guide.title ? { title } : {}),
      ...(summary !== guide.summary ? { summary } : {}),
      ...(lines(steps).join('\n') !== guide.steps.join('\n') ? { steps: lines(steps) } : {}),
      ...(lines(materials).join('\n') !== guide.materials.join('\n') ? { materials: lines(materials) } : {}),
      ...(access !== guide.access ? { access } : {}),
      ...(contact !== guide.contact ? { contact } : {}),
    };
    if (
      await action.run(
        () => call(AdminUpdateGuideDocument, { channel: guide.channel, input }),
        `已更新“${guide.channelName}”办事指南，版本 ${guide.version + 1}。`,
      )
    )
      onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={`编辑${guide.channelName}办事指南`}>
      <label htmlFor={id('title')}>标题</label>
      <input id={id('title')} className="wide-input" value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={id('summary')}>简介</label>
      <textarea id={id('summary')} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <label htmlFor={id('steps')}>办理步骤（每行一步）</label>
      <textarea id={id('steps')} rows={5} value={steps} onChange={(e) => setSteps(e.target.value)} />
      <label htmlFor={id('materials')}>所需材料（每行一项）</label>
      <textarea id={id('materials')} rows={3} value={materials} onChange={(e) => setMaterials(e.target.value)} />
      <label htmlFor={id('access')}>办理地点与时间</label>
      <textarea id={id('access')} rows={2} value={access} onChange={(e) => setAccess(e.target.value)} />
      <label htmlFor={id('contact')}>联系方式</label>
      <input id={id('contact')} className="wide-input" value={contact} onChange={(e) => setContact(e.target.value)} />
      <div>
        <button type="submit" disabled={action.busy}>
          保存指南
        </button>
      </div>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      {action.ok && <Notice kind="ok">{action.ok}</Notice>}
    </form>
  );
}

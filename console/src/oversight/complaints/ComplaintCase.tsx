import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../../api/client';
import { FEEDBACK_ACTION, FEEDBACK_KIND, FEEDBACK_STATUS, fmtTime, ROLE, term } from '../../api/terms';
import { DueDate } from '../../components/DueDate';
import { CaseHeader } from '../../components/CaseHeader';
import { useAction } from '../../components/useAction';
import { Notice } from '../../components/Status';
import {
  DashboardForwardFeedbackDocument,
  OversightAnswerComplaintDocument,
  OversightCloseComplaintDocument,
  OversightComplaintDocument,
  OversightDismissComplaintDocument,
  type OversightComplaintQuery,
} from '../../graphql/generated/operations';

type Case = OversightComplaintQuery['feedbacks']['edges'][number]['node'];

/**
 * One consultation or complaint: what was filed, every step, and what the lead department may do
 * next — answer a consultation or service complaint, forward a 应替未替 complaint to the office's
 * supervising unit, close it with feedback to the filer once the unit replied, or dismiss it.
 */
export function ComplaintCase({ number }: { number: string }) {
  const [data, setData] = useState<OversightComplaintQuery>();
  const [loadError, setLoadError] = useState<string>();
  const load = useCallback(() => {
    call(OversightComplaintDocument, { number }).then(setData, (e) => setLoadError(describeError(e)));
  }, [number]);
  useEffect(load, [load]);
  const action = useAction();
  // After each act the case is read again: its state, timeline and due date follow from it.
  const act = async (fn: () => Promise<unknown>, message: string) => {
    if (await action.run(fn, message)) load();
  };
  const f = data?.feedbacks.edges[0]?.node;
  const unitName = (code?: string | null) =>
    code ? `${data?.sourceUnits.find((u) => u.code === code)?.name ?? code}（${code}）` : '—';
  return (
    <div className="page">
      <CaseHeader
        back={{ to: '/oversight/complaints', label: '咨询投诉' }}
        title={`案件 ${number}`}
        status={f ? term(FEEDBACK_STATUS, f.status) : undefined}
        overdue={f?.overdue}
        error={loadError ?? action.error}
        done={action.ok}
      />
      {data && !f && <Notice kind="error">没有找到该案件。</Notice>}
      {f && data && (
        <div className="case-grid">
          <section className="card" aria-labelledby="case-title" data-testid="complaint-case">
            <h2 id="case-title">{term(FEEDBACK_KIND, f.kind)}</h2>
            <dl className="facts">
              <dt>提交时间</dt>
              <dd>{fmtTime(f.filedAt)}</dd>
              <dt>提交人</dt>
              <dd>
                {f.anonymous ? '匿名' : (f.creditCode ?? '—')}
                {f.contact && `；${[f.contact.name, f.contact.phone, f.contact.email].filter(Boolean).join('，')}`}
              </dd>
              <dt>期限</dt>
              <dd className={f.overdue ? 'overdue-date' : undefined}>
                {f.dueDate ? <DueDate date={f.dueDate} provisional={f.dueDateProvisional} /> : '—'}
              </dd>
              {f.officeName && (
                <>
                  <dt>仍要求提供证明的单位</dt>
                  <dd>{f.officeName}</dd>
                  <dt>其主管单位（提交人所填）</dt>
                  <dd>{unitName(f.officeUnitCode)}</dd>
                  <dt>办理事项</dt>
                  <dd>{f.matter ?? '—'}</dd>
                  <dt>索要日期</dt>
                  <dd>{f.demandedOn ?? '—'}</dd>
                </>
              )}
              <dt>情况说明</dt>
              <dd>{f.content}</dd>
              {f.unitCode && (
                <>
                  <dt>承办单位</dt>
                  <dd>{unitName(f.unitCode)}</dd>
                </>
              )}
              {f.unitReply && (
                <>
                  <dt>单位回复</dt>
                  <dd data-testid="unit-reply">
                    {f.unitReply}（{f.rectified ? '已整改' : '未整改'}）
                  </dd>
                </>
              )}
              {f.answer && (
                <>
                  <dt>答复/反馈</dt>
                  <dd>{f.answer}</dd>
                </>
              )}
              {f.dismissalReason && (
                <>
                  <dt>不予受理理由</dt>
                  <dd>{f.dismissalReason}</dd>
                </>
              )}
            </dl>
            <h3>办理进度</h3>
            <ol className="timeline" data-testid="timeline">
              {f.timeline.map((t) => (
                <li key={t.seq}>
                  {fmtTime(t.at)} {term(FEEDBACK_ACTION, t.action)}（{term(ROLE, t.role)}）{t.note ? `：${t.note}` : ''}
                </li>
              ))}
            </ol>
          </section>
          <CaseActions complaint={f} units={data.sourceUnits} act={act} />
        </div>
      )}
    </div>
  );
}

function CaseActions({
  complaint: f,
  units,
  act,
}: {
  complaint: Case;
  units: OversightComplaintQuery['sourceUnits'];
  act: (fn: () => Promise<unknown>, message: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [unit, setUnit] = useState(f.officeUnitCode ?? '');
  const submitted = f.status === 'SUBMITTED';
  const forwardable = submitted && f.kind === 'CERTIFICATE_STILL_DEMANDED';
  if (!submitted && f.status !== 'UNIT_REPLIED') return null;
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {submitted && !forwardable && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => call(OversightAnswerComplaintDocument, { id: f.id, answer: text }), '已答复。');
          }}
        >
          <label htmlFor="answer">答复内容（告知提交人）</label>
          <textarea id="answer" rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
          <button type="submit">答复</button>
        </form>
      )}
      {forwardable && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              () => call(DashboardForwardFeedbackDocument, { input: { id: f.id, unitCode: unit } }),
              '已转主管单位办理。',
            );
          }}
        >
          <label htmlFor="forward-unit">转交主管单位</label>
          <select id="forward-unit" value={unit} onChange={(e) => setUnit(e.target.value)} required>
            <option value="">请选择</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}（{u.code}）
              </option>
            ))}
          </select>
          <button type="submit">转主管单位</button>
        </form>
      )}
      {f.status === 'UNIT_REPLIED' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              () => call(OversightCloseComplaintDocument, { id: f.id, feedbackToFiler: text }),
              '已办结，并向提交人反馈。',
            );
          }}
        >
          <label htmlFor="feedback-to-filer">向提交人反馈的内容</label>
          <textarea id="feedback-to-filer" rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
          <button type="submit">办结并反馈</button>
        </form>
      )}
      {submitted && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => call(OversightDismissComplaintDocument, { id: f.id, reason }), '已不予受理。');
          }}
        >
          <label htmlFor="dismiss-reason">不予受理的理由</label>
          <textarea id="dismiss-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
          <button type="submit" className="secondary">
            不予受理
          </button>
        </form>
      )}
    </section>
  );
}
